package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.RedisSentinel;
import dev.citadel.client.testkit.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An embedded Redis master and one Sentinel monitoring it, both started from the bundled redis-server binary (the
 * Sentinel as {@code redis-server sentinel.conf --sentinel}, since Sentinel rewrites its config file). The Sentinel
 * is ready once it reports the master's address for {@value #MASTER_NAME}.
 */
public final class EmbeddedRedisSentinel implements RedisSentinel {

  /** The master name the Sentinel monitors. */
  public static final String MASTER_NAME = "mymaster";
  private static final String INSTANCE_PREFIX = "redis-sentinel-";
  private static final String HOST = "127.0.0.1";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final EmbeddedRedisServer master;
  private final int sentinelPort;

  private EmbeddedRedisSentinel(EmbeddedRedisServer master, int sentinelPort) {
    this.master = master;
    this.sentinelPort = sentinelPort;
  }

  /**
   * Starts the master, then the Sentinel, and waits until the Sentinel knows the master.
   *
   * @return the running pair; both processes are stopped and deleted at JVM exit
   * @throws IllegalStateException when a process cannot start or the Sentinel does not become ready
   */
  public static EmbeddedRedisSentinel launch() {
    EmbeddedRedisServer master = EmbeddedRedisServer.launch();
    InstanceDir.reapOrphans(INSTANCE_PREFIX, EmbeddedRedisServer::stopLeftover);
    Path binary = Path.of(master.binary());
    InstanceDir instance = InstanceDir.create(INSTANCE_PREFIX);
    int port = FreePort.find();
    Path config = instance.path().resolve("sentinel.conf");
    Path log = instance.path().resolve("sentinel.log");
    Process process;
    try {
      Files.writeString(config, String.join(System.lineSeparator(),
          "port " + port,
          "bind " + HOST,
          "dir " + instance.path(),
          "pidfile " + instance.path().resolve("redis.pid"),
          "sentinel monitor " + MASTER_NAME + " " + HOST + " " + master.port() + " 1",
          "sentinel down-after-milliseconds " + MASTER_NAME + " 5000",
          ""), StandardCharsets.UTF_8);
      process = new ProcessBuilder(binary.toString(), config.toString(), "--sentinel")
          .directory(instance.path().toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      process.getOutputStream().close();
    } catch (IOException e) {
      instance.delete();
      throw new UncheckedIOException("Cannot start the embedded Redis Sentinel", e);
    }
    Process started = process;
    Shutdown.register("stop embedded Redis Sentinel on port " + port, () -> {
      started.destroyForcibly();
      try {
        started.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      instance.delete();
    });
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!knowsMaster(port, master.port())) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("The embedded Redis Sentinel on " + HOST + ":" + port
            + " did not report master " + MASTER_NAME + " within " + READY_TIMEOUT.toSeconds() + "s. Log:"
            + System.lineSeparator() + FileSupport.tail(log, 20));
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    return new EmbeddedRedisSentinel(master, port);
  }

  private static boolean knowsMaster(int sentinelPort, int masterPort) {
    try (Resp resp = Resp.connect(HOST, sentinelPort, null, Duration.ofSeconds(2))) {
      // The reply is an array, which Resp does not read: ask for the port through INFO instead.
      String info = resp.command("INFO", "sentinel");
      return info != null && info.contains("name=" + MASTER_NAME + ",status=ok,address=" + HOST + ":" + masterPort);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public List<String> sentinels() {
    return List.of(HOST + ":" + sentinelPort);
  }

  @Override
  public String masterName() {
    return MASTER_NAME;
  }

  @Override
  public RedisServer master() {
    return master;
  }

  @Override
  public String toString() {
    return "RedisSentinel[source=EMBEDDED, sentinels=" + sentinels() + ", master=" + MASTER_NAME + " at " + HOST
        + ":" + master.port() + "]";
  }
}
