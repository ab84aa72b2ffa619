package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.ServerSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * Redis started from the {@code redis-server} binary bundled in {@code com.github.codemonstur:embedded-redis}
 * (only the binary is used, not that library's API), on a free port of 127.0.0.1, without persistence: without a
 * password ({@link #launch()}), with a password and an ACL user ({@link #launchSecured()}), or as a cluster node
 * ({@link EmbeddedRedisCluster}).
 */
public final class EmbeddedRedisServer extends BaseRedisServer {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedisServer.class);
  private static final String HOST = "127.0.0.1";
  private static final String INSTANCE_PREFIX = "redis-instance-";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  private static final int START_ATTEMPTS = 3;
  /** The ACL user of {@link #launchSecured()}. */
  public static final String SECURED_USER = "citadel_test";

  private final Path binary;
  private final InstanceDir instance;
  private final Path log;
  private final List<String> extraArgs;
  private Process process;      // guarded by this; null while stopped
  private boolean destroyed;    // guarded by this

  private EmbeddedRedisServer(Path binary, InstanceDir instance, int port, String username, String password,
                List<String> extraArgs) {
    super(ServerSource.EMBEDDED, HOST, port, username, password);
    this.binary = binary;
    this.instance = instance;
    this.log = instance.path().resolve("redis.log");
    this.extraArgs = List.copyOf(extraArgs);
  }

  /**
   * Extracts the binary (once per machine) and starts the server.
   *
   * @return the running server, stopped and deleted at JVM exit
   * @throws IllegalStateException when the platform has no binary or the server cannot start
   */
  public static EmbeddedRedisServer launch() {
    return launch(INSTANCE_PREFIX, FreePort::find, null, null, List.of());
  }

  /**
   * Starts a server that requires a random password ({@code requirepass}) and has an ACL user
   * {@value #SECURED_USER} with the same password and every permission.
   *
   * @return the running server, stopped and deleted at JVM exit
   * @throws IllegalStateException when the platform has no binary or the server cannot start
   */
  public static EmbeddedRedisServer launchSecured() {
    String password = Passwords.generate();
    return launch(INSTANCE_PREFIX, FreePort::find, SECURED_USER, password, List.of("--requirepass", password,
        "--user", SECURED_USER, "on", ">" + password, "~*", "&*", "+@all"));
  }

  /**
   * Extracts the binary (once per machine) and starts a server with extra {@code redis-server} arguments.
   *
   * @param prefix the instance directory prefix, also used to reap servers left by a killed JVM
   * @param ports picks a free port for each start attempt
   * @param username an ACL user the arguments create, or null
   * @param password the password the arguments set, or null
   * @param extraArgs appended to the command line
   * @return the running server, stopped and deleted at JVM exit
   * @throws IllegalStateException when the platform has no binary or the server cannot start
   */
  static EmbeddedRedisServer launch(String prefix, IntSupplier ports, String username, String password,
                   List<String> extraArgs) {
    Platform platform = Platform.current();
    Path binary = install(platform);
    InstanceDir.reapOrphans(prefix, EmbeddedRedisServer::stopLeftover);
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      EmbeddedRedisServer server = new EmbeddedRedisServer(binary, InstanceDir.create(prefix),
          ports.getAsInt(), username, password, extraArgs);
      Shutdown.register("stop embedded Redis on port " + server.port(), server::destroy);
      try {
        server.start();
        server.readVersion();
        return server;
      } catch (IllegalStateException e) {
        server.destroy();
        last = e;
        if (!String.valueOf(e.getMessage()).contains("Address already in use")) {
          throw e;
        }
        LOG.info("Embedded Redis lost the race for port {}; retrying on another port", server.port());
      } catch (IOException e) {
        server.destroy();
        throw new IllegalStateException("Embedded Redis started but INFO failed: " + e.getMessage(), e);
      } catch (RuntimeException e) {
        server.destroy();
        throw e;
      }
    }
    throw last;
  }

  private static Path install(Platform platform) {
    String resource = platform.redisResource();
    URL url = resource == null ? null : EmbeddedPostgresServer.findResource(resource);
    if (url == null) {
      throw new IllegalStateException("No embedded Redis binary for platform " + platform.id()
          + (resource == null ? "" : ": the class path has no resource '" + resource + "'")
          + ". The artifact com.github.codemonstur:embedded-redis provides linux amd64/arm64/386 and "
          + "darwin amd64/arm64; otherwise point the tests at a server with CITADEL_TEST_REDIS_HOST, "
          + "or run a Docker engine.");
    }
    Path dir = BinaryCache.extractOnce("redis-" + resource.substring("redis-server-".length()), target -> {
      Path file = target.resolve("redis-server");
      try (InputStream in = url.openStream()) {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      }
      FileSupport.setPermissionsIfOwned(file, "rwxr-xr-x");
    });
    return dir.resolve("redis-server");
  }

  /**
   * Returns the redis-server binary this server runs, for companion processes (Sentinel).
   *
   * @return the binary's path
   */
  String binary() {
    return binary.toString();
  }

  @Override
  public boolean controllable() {
    return true;
  }

  @Override
  public synchronized void start() {
    if (destroyed) {
      throw new IllegalStateException("Embedded Redis on port " + port() + " was shut down with the JVM");
    }
    if (process != null && process.isAlive()) {
      return;
    }
    List<String> command = new ArrayList<>(List.of(binary.toString(),
        "--port", Integer.toString(port()),
        "--bind", HOST,
        "--save", "",
        "--appendonly", "no",
        "--protected-mode", "no",
        "--daemonize", "no",
        "--dir", instance.path().toString(),
        "--pidfile", instance.path().resolve("redis.pid").toString()));
    command.addAll(extraArgs);
    try {
      process = new ProcessBuilder(command)
          .directory(instance.path().toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      process.getOutputStream().close();
    } catch (IOException e) {
      process = null;
      throw new UncheckedIOException("Cannot run " + binary, e);
    }
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!Resp.ping(HOST, port(), password())) {
      if (!process.isAlive()) {
        int exit = process.exitValue();
        process = null;
        throw new IllegalStateException("Embedded Redis exited with code " + exit + " while starting on "
            + HOST + ":" + port() + ". Log:" + System.lineSeparator() + FileSupport.tail(log, 20));
      }
      if (System.nanoTime() > deadline) {
        killProcess();
        throw new IllegalStateException("Embedded Redis did not answer PING on " + HOST + ":" + port()
            + " within " + START_TIMEOUT.toSeconds() + "s. Log:" + System.lineSeparator()
            + FileSupport.tail(log, 20));
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(25));
    }
  }

  @Override
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    if (process.isAlive()) {
      try (Resp resp = Resp.connect(HOST, port(), password(), Duration.ofSeconds(2))) {
        resp.send("SHUTDOWN", "NOSAVE");
      } catch (IOException e) {
        LOG.debug("SHUTDOWN NOSAVE failed, killing the process: {}", e.toString());
      }
    }
    killProcess();
  }

  /**
   * Kills the process with SIGKILL, as a crashed host would (nothing saved, sockets reset), and waits until it is
   * gone. Does nothing when it is not running; {@link #start()} starts it again.
   */
  public synchronized void kill() {
    Process p = process;
    process = null;
    if (p == null) {
      return;
    }
    p.destroyForcibly();
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for the process to exit after SHUTDOWN, destroying it when it does not. */
  private void killProcess() {
    Process p = process;
    process = null;
    if (p == null) {
      return;
    }
    try {
      if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
  }

  /** Kills the server and deletes its files; used at JVM exit. */
  synchronized void destroy() {
    if (destroyed) {
      return;
    }
    destroyed = true;
    Process p = process;
    process = null;
    if (p != null) {
      p.destroyForcibly();
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    instance.delete();
  }

  /**
   * Kills a redis-server left running by a killed JVM.
   *
   * @param instanceDir its instance directory
   */
  static void stopLeftover(Path instanceDir) {
    Path pidFile = instanceDir.resolve("redis.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      ProcessHandle.of(pid)
          .filter(p -> p.info().command().map(c -> c.endsWith("redis-server")).orElse(false))
          .ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
          });
    } catch (IOException | RuntimeException e) {
      LOG.debug("Cannot stop leftover Redis in {}: {}", instanceDir, e.toString());
    }
  }
}
