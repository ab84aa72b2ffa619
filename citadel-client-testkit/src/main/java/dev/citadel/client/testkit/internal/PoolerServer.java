package dev.citadel.client.testkit.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A pooler daemon (PgBouncer, Pgpool-II) the kit launched: the configuration it runs with, the supervised process
 * on 127.0.0.1 and the version the binary reports. {@link #launch} is the one launch sequence of both; what differs
 * per pooler is the files its {@link Layout} writes.
 *
 * @param <C> the pooler's configuration
 */
public final class PoolerServer<C extends PoolerServer.Upstream> {

  /** The address every pooler listens on. */
  static final String HOST = "127.0.0.1";

  /** The part of a pooler's configuration the readiness login needs. */
  public interface Upstream {

    /**
     * Returns a database that exists on PostgreSQL, for the readiness check.
     *
     * @return the database name
     */
    String adminDatabase();

    /**
     * Returns the users clients log in as, in order; the first checks readiness.
     *
     * @return user name to password
     */
    Map<String, String> users();
  }

  /** Writes a pooler's files for a port and says how to run it. */
  @FunctionalInterface
  public interface Layout {
    /**
     * Writes the files.
     *
     * @param dir the instance directory, still owned by the JVM's user
     * @param port the port to listen on
     * @param executable the pooler's executable
     * @param osUser the unprivileged user to run as when the JVM is root, or null
     * @return how to run it (the command already switching to {@code osUser} where needed)
     * @throws IOException when a file cannot be written
     */
    PoolerProcess.Launch write(Path dir, int port, Path executable, String osUser) throws IOException;
  }

  private final C config;
  private final PoolerProcess process;
  private final String version;

  private PoolerServer(C config, PoolerProcess process, String version) {
    this.config = config;
    this.process = process;
    this.version = version;
  }

  /**
   * Writes the pooler's files, starts it on a free port of 127.0.0.1 and logs in through it once as its first
   * user ({@code SELECT 1} in {@link Upstream#adminDatabase()}).
   *
   * @param name the pooler's name for messages, e.g. {@code PgBouncer}
   * @param binary its executable
   * @param stopSignal the signal that shuts it down without waiting for clients
   * @param versionPrefix what precedes the version in the binary's {@code --version} line (a regular expression)
   * @param settings for {@link Settings#PG_OS_USER}
   * @param config what to run
   * @param layout writes its files
   * @param <C> the configuration type
   * @return the running server, stopped at JVM exit
   * @throws IllegalStateException when the binary is missing or the pooler does not start or serve
   */
  public static <C extends Upstream> PoolerServer<C> launch(String name, PoolerBinary binary, String stopSignal,
      String versionPrefix, Settings settings, C config, Layout layout) {
    Path executable = binary.require();
    String osUser = OsUsers.serverUser(settings);
    PoolerProcess process = PoolerProcess.launch(name, binary, stopSignal, osUser,
        (dir, port) -> layout.write(dir, port, executable, osUser));
    Map.Entry<String, String> user = config.users().entrySet().iterator().next();
    try {
      process.queryThrough(config.adminDatabase(), user.getKey(), user.getValue(), "SELECT 1");
    } catch (RuntimeException e) {
      process.destroy();
      throw e;
    }
    return new PoolerServer<>(config, process, binary.version().replaceFirst(versionPrefix, ""));
  }

  /**
   * Returns the address clients connect to.
   *
   * @return {@code 127.0.0.1}
   */
  public String host() {
    return HOST;
  }

  /**
   * Returns the port clients connect to.
   *
   * @return the port, the same across restarts
   */
  public int port() {
    return process.port();
  }

  /**
   * Returns the configuration.
   *
   * @return what runs
   */
  public C config() {
    return config;
  }

  /**
   * Returns the version the binary reports, without the product name.
   *
   * @return e.g. {@code 1.18.0}
   */
  public String version() {
    return version;
  }

  /**
   * Returns the process.
   *
   * @return the supervised process
   */
  public PoolerProcess process() {
    return process;
  }
}
