package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.ServerSource;

/**
 * What every server the kit hands out shares, whatever its product: where it comes from, where it listens, the
 * version read when it was resolved, and the refusal to stop or start a server the kit does not control.
 * Servers it controls ({@link ServerSource#EMBEDDED} processes) override {@link #controllable()},
 * {@link #stop()} and {@link #start()}.
 */
public abstract class BaseServer {

  private final ServerSource source;
  private final String product;
  private final String host;
  private final int port;
  private volatile String version = "unknown";

  /**
   * Creates the shared part.
   *
   * @param source where the server comes from
   * @param product the product name for messages, e.g. {@code PostgreSQL}
   * @param host the host clients connect to
   * @param port the port clients connect to
   */
  protected BaseServer(ServerSource source, String product, String host, int port) {
    this.source = source;
    this.product = product;
    this.host = host;
    this.port = port;
  }

  /**
   * Tells where this server comes from.
   *
   * @return the source
   */
  public ServerSource source() {
    return source;
  }

  /**
   * Returns the host name or address clients connect to.
   *
   * @return the host
   */
  public String host() {
    return host;
  }

  /**
   * Returns the port clients connect to.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * Returns the server's version as read when it was resolved.
   *
   * @return the version, or {@code unknown} before it was read
   */
  public String version() {
    return version;
  }

  /**
   * Records the version read from the server.
   *
   * @param value the version
   */
  protected void version(String value) {
    this.version = value;
  }

  /**
   * Tells whether {@link #stop()} and {@link #start()} are supported: false unless a subclass runs the process.
   *
   * @return true when the server process can be stopped and started again
   */
  public boolean controllable() {
    return false;
  }

  /**
   * Stops the server; unsupported unless {@link #controllable()}.
   *
   * @throws UnsupportedOperationException always, unless overridden
   */
  public void stop() {
    throw notControllable("stop");
  }

  /**
   * Starts the server again; unsupported unless {@link #controllable()}.
   *
   * @throws UnsupportedOperationException always, unless overridden
   */
  public void start() {
    throw notControllable("start");
  }

  private UnsupportedOperationException notControllable(String operation) {
    return new UnsupportedOperationException("Cannot " + operation + " a " + product + " server whose source is "
        + source + ": only EMBEDDED servers are controllable");
  }

  /**
   * Describes the server for logs: {@code Product[source=..., host:port, <details>, version=...]}.
   *
   * @param type the type name that starts the description, e.g. {@code RedisServer}
   * @param details what the subclass adds after the address (never a secret), or an empty string
   * @return the description
   */
  protected String describe(String type, String details) {
    return type + "[source=" + source + ", " + host + ":" + port + details + ", version=" + version + "]";
  }
}
