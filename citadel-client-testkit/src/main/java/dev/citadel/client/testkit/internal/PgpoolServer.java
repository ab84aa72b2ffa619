package dev.citadel.client.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pgpool-II from the operating system's package in front of one PostgreSQL server, as a connection cache with
 * {@code num_init_children} child processes: {@code streaming_replication} clustering mode with that server as its
 * only, {@code ALWAYS_PRIMARY} node, and no load balancing, health checks or failover. Not {@code raw} mode: there
 * Pgpool-II 4.3 wraps each write sent with the extended query protocol (PgJDBC's) outside a transaction in a
 * {@code BEGIN} of its own that it never commits, and rolls it back when the client disconnects. Clients log in with
 * SCRAM-SHA-256 ({@code pool_hba.conf}); the passwords are in {@code pool_passwd} as {@code TEXT} entries so that
 * Pgpool-II can log in to PostgreSQL with SCRAM too. When the JVM is root it runs as an unprivileged user.
 */
public final class PgpoolServer {

  private static final String HOST = PoolerServer.HOST;

  /**
   * What to run.
   *
   * @param upstreamHost PostgreSQL's host
   * @param upstreamPort PostgreSQL's port
   * @param adminDatabase a database that exists, for the readiness check
   * @param users user name to password, in order; the first checks readiness
   * @param numInitChildren child processes, i.e. client connections served at once
   * @param maxPool cached server connections per child
   */
  public record Config(String upstreamHost, int upstreamPort, String adminDatabase, Map<String, String> users,
      int numInitChildren, int maxPool) implements PoolerServer.Upstream {
    /** Copies the users, keeping their order. */
    public Config {
      users = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(users));
    }
  }

  private PgpoolServer() {
  }

  /**
   * Starts Pgpool-II with {@code config} (see {@link PoolerServer#launch}).
   *
   * @param settings for {@link Settings#PG_OS_USER}
   * @param config what to run
   * @return the running server, stopped at JVM exit
   */
  public static PoolerServer<Config> launch(Settings settings, Config config) {
    return PoolerServer.launch("Pgpool-II", PoolerBinary.PGPOOL, "INT", "^pgpool-II version\\s+", settings, config,
        (dir, port, binary, osUser) -> {
          Path conf = dir.resolve("pgpool.conf");
          Path hba = dir.resolve("pool_hba.conf");
          Path passwd = dir.resolve("pool_passwd");
          Path pcp = dir.resolve("pcp.conf");
          Path pidFile = dir.resolve("pgpool.pid");
          Files.writeString(conf, conf(config, dir, port, passwd, pidFile), StandardCharsets.UTF_8);
          Files.writeString(hba, "host all all " + HOST + "/32 scram-sha-256" + System.lineSeparator(),
              StandardCharsets.UTF_8);
          StringBuilder passwords = new StringBuilder();
          config.users().forEach((user, password) -> passwords.append(user).append(":TEXT").append(password)
              .append(System.lineSeparator()));
          Files.writeString(passwd, passwords, StandardCharsets.UTF_8);
          FileSupport.setPermissionsIfOwned(passwd, "rw-------");
          Files.writeString(pcp, "", StandardCharsets.UTF_8);
          // -n: stay in the foreground; -D: forget backend states a previous run saved.
          List<String> command = List.of(binary.toString(), "-n", "-D", "-f", conf.toString(),
              "-F", pcp.toString(), "-a", hba.toString());
          return new PoolerProcess.Launch(osUser == null ? command : OsProcess.asUser(osUser, command),
              pidFile);
        });
  }

  private static String conf(Config config, Path dir, int port, Path passwd, Path pidFile) {
    return String.join(System.lineSeparator(),
        "# Written by the Citadel test kit",
        "backend_clustering_mode = 'streaming_replication'",
        "listen_addresses = '" + HOST + "'",
        "port = " + port,
        "socket_dir = '" + dir + "'",
        // An empty pcp_listen_addresses keeps the control port off TCP (Unix socket in this directory only).
        "pcp_listen_addresses = ''",
        "pcp_socket_dir = '" + dir + "'",
        "wd_ipc_socket_dir = '" + dir + "'",
        "pid_file_name = '" + pidFile + "'",
        "logdir = '" + dir + "'",
        "log_destination = 'stderr'",
        "backend_hostname0 = '" + config.upstreamHost() + "'",
        "backend_port0 = " + config.upstreamPort(),
        "backend_weight0 = 1",
        // The only node is the primary: no sr_check connection is needed to find it.
        "backend_flag0 = 'ALWAYS_PRIMARY|DISALLOW_TO_FAILOVER'",
        "enable_pool_hba = on",
        "pool_passwd = '" + passwd + "'",
        "num_init_children = " + config.numInitChildren(),
        "max_pool = " + config.maxPool(),
        "child_life_time = 0",
        "connection_life_time = 0",
        "connection_cache = on",
        "load_balance_mode = off",
        "sr_check_period = 0",
        "health_check_period = 0",
        "failover_on_backend_error = off",
        "");
  }
}
