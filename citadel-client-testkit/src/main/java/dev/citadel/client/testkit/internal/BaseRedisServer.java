package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.RedisServer;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** What every Redis source shares: connection data, URI, version, description. */
public abstract class BaseRedisServer implements RedisServer {

  private final String host;
  private final int port;
  private final String username;
  private final String password;
  private volatile String version = "unknown";

  /**
   * Creates the shared part for a server with only the default user.
   *
   * @param host the host
   * @param port the port
   * @param password the password, or null for none
   */
  protected BaseRedisServer(String host, int port, String password) {
    this(host, port, null, password);
  }

  /**
   * Creates the shared part.
   *
   * @param host the host
   * @param port the port
   * @param username an ACL user that {@code password} also authenticates, or null
   * @param password the password, or null for none
   */
  protected BaseRedisServer(String host, int port, String username, String password) {
    this.host = host;
    this.port = port;
    this.username = username;
    this.password = password;
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String username() {
    return username;
  }

  @Override
  public String password() {
    return password;
  }

  @Override
  public String uri() {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    String user = username == null ? "" : URLEncoder.encode(username, StandardCharsets.UTF_8);
    String auth = password == null ? "" : user + ":" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@";
    return "redis://" + auth + h + ":" + port;
  }

  /**
   * Returns {@code redis_version} as read when the server was resolved.
   *
   * @return the version, e.g. 6.2.6
   */
  public String version() {
    return version;
  }

  /**
   * Reads the version from {@code INFO server}.
   *
   * @throws IOException on failure
   */
  protected void readVersion() throws IOException {
    version = Resp.version(host, port, password);
  }

  /**
   * Throws the exception for servers that cannot be stopped or started.
   *
   * @param operation stop or start
   * @return never returns normally
   */
  protected UnsupportedOperationException notControllable(String operation) {
    return new UnsupportedOperationException("Cannot " + operation + " a Redis server whose source is "
        + source() + ": only EMBEDDED servers are controllable");
  }

  @Override
  public String toString() {
    return "RedisServer[source=" + source() + ", " + host + ":" + port + (username == null ? "" : ", user=" + username)
        + ", password=" + (password == null ? "none" : "***") + ", version=" + version + "]";
  }
}
