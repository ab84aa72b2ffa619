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

  private static final String HOST = PoolerServer.HOST;

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
      boolean transactionMode, int defaultPoolSize, int maxClientConnections) implements PoolerServer.Upstream {
    /** Copies the users, keeping their order. */
    public Config {
      users = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(users));
    }
  }

  private PgBouncerServer() {
  }

  /**
   * Starts PgBouncer with {@code config} (see {@link PoolerServer#launch}).
   *
   * @param settings for {@link Settings#PG_OS_USER}
   * @param config what to run
   * @return the running server, stopped at JVM exit
   */
  public static PoolerServer<Config> launch(Settings settings, Config config) {
    return PoolerServer.launch("PgBouncer", PoolerBinary.PGBOUNCER, "TERM", "^PgBouncer\\s+", settings, config,
        (dir, port, binary, osUser) -> {
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
}
