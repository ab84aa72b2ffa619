package dev.citadel.client.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PgBouncer from the operating system's package in front of a PostgreSQL server: every database of the server
 * (wildcard entry), SCRAM-SHA-256 for clients with the users of an auth file, logging in to PostgreSQL with the
 * same credentials. When the JVM is root it runs with {@code -u <unprivileged user>}, since PgBouncer refuses root.
 */
public final class PgBouncerServer {

  private static final String HOST = "127.0.0.1";

  /**
   * What to run.
   *
   * @param upstreamHost PostgreSQL's host
   * @param upstreamPort PostgreSQL's port
   * @param adminDatabase a database that exists, for the readiness check
   * @param users user name to password, in order; the first checks readiness
   * @param transactionMode {@code pool_mode = transaction} rather than {@code session}
   * @param defaultPoolSize server connections per database and user
   * @param maxClientConnections client connections accepted
   */
  public record Config(String upstreamHost, int upstreamPort, String adminDatabase, Map<String, String> users,
      boolean transactionMode, int defaultPoolSize, int maxClientConnections) {
    /** Copies the users, keeping their order. */
    public Config {
      users = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(users));
    }
  }

  private final Config config;
  private final PoolerProcess process;
  private final String version;

  private PgBouncerServer(Config config, PoolerProcess process, String version) {
    this.config = config;
    this.process = process;
    this.version = version;
  }

  /**
   * Writes the configuration, starts PgBouncer on a free port and logs in through it once.
   *
   * @param settings for {@link Settings#PG_OS_USER}
   * @param config what to run
   * @return the running server, stopped at JVM exit
   * @throws IllegalStateException when the binary is missing or PgBouncer does not start
   */
  public static PgBouncerServer launch(Settings settings, Config config) {
    Path binary = PoolerBinary.PGBOUNCER.require();
    String osUser = OsUsers.serverUser(settings);
    PoolerProcess process = PoolerProcess.launch("PgBouncer", PoolerBinary.PGBOUNCER, "TERM", osUser,
        (dir, port) -> {
          Path ini = dir.resolve("pgbouncer.ini");
          Path userlist = dir.resolve("userlist.txt");
          Path pidFile = dir.resolve("pgbouncer.pid");
          Files.writeString(ini, ini(config, port, userlist, pidFile), StandardCharsets.UTF_8);
          Files.writeString(userlist, userlist(config.users()), StandardCharsets.UTF_8);
          FileSupport.setPermissionsIfOwned(userlist, "rw-------");
          List<String> command = new ArrayList<>(List.of(binary.toString()));
          if (osUser != null) {
            command.add("-u");
            command.add(osUser);
          }
          command.add(ini.toString());
          return new PoolerProcess.Launch(command, pidFile);
        });
    PgBouncerServer server = new PgBouncerServer(config, process,
        PoolerBinary.PGBOUNCER.version().replaceFirst("^PgBouncer\\s+", ""));
    try {
      server.checkLogin();
    } catch (RuntimeException e) {
      process.destroy();
      throw e;
    }
    return server;
  }

  private static String ini(Config config, int port, Path userlist, Path pidFile) {
    return String.join(System.lineSeparator(),
        "; Written by the Citadel test kit",
        "[databases]",
        "* = host=" + config.upstreamHost() + " port=" + config.upstreamPort(),
        "",
        "[pgbouncer]",
        "listen_addr = " + HOST,
        "listen_port = " + port,
        "unix_socket_dir =",
        "pidfile = " + pidFile,
        "auth_type = scram-sha-256",
        "auth_file = " + userlist,
        "pool_mode = " + (config.transactionMode() ? "transaction" : "session"),
        "default_pool_size = " + config.defaultPoolSize(),
        "max_client_conn = " + config.maxClientConnections(),
        // PgJDBC sends extra_float_digits at start-up, which PgBouncer does not track.
        "ignore_startup_parameters = extra_float_digits",
        // After a failed server login PgBouncer waits this long before the next (default 15 s).
        "server_login_retry = 1",
        "");
  }

  private static String userlist(Map<String, String> users) {
    StringBuilder text = new StringBuilder();
    users.forEach((user, password) -> text.append(quoted(user)).append(' ').append(quoted(password))
        .append(System.lineSeparator()));
    return text.toString();
  }

  private static String quoted(String value) {
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  private void checkLogin() {
    Map.Entry<String, String> user = config.users().entrySet().iterator().next();
    process.queryThrough(config.adminDatabase(), user.getKey(), user.getValue(), "SELECT 1");
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
  public Config config() {
    return config;
  }

  /**
   * Returns the version the binary reports.
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
