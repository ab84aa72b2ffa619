package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.ReplicatedRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link ReplicatedRedis} from embedded {@code redis-server} processes. */
public final class EmbeddedReplicatedRedis implements ReplicatedRedis {
  private static final String HOST = "127.0.0.1";
  private static final String MASTER_NAME = EmbeddedRedisSentinel.MASTER_NAME;
  private static final String INSTANCE_PREFIX = "redis-failover-";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern SENTINEL_MASTER = Pattern.compile("name=" + MASTER_NAME + ",status=\\w+,address=([^,]+)");
  private static final int SLOTS = 16384;
  private static final int BUS_PORT_OFFSET = 10000;

  private final List<EmbeddedRedisServer> masters;
  private final List<EmbeddedRedisServer> replicas;
  private final Process sentinel;          // null for a cluster
  private final int sentinelPort;
  private final InstanceDir sentinelDir;
  private boolean closed;                  // guarded by this

  private EmbeddedReplicatedRedis(List<EmbeddedRedisServer> masters, List<EmbeddedRedisServer> replicas,
      Process sentinel, int sentinelPort, InstanceDir sentinelDir) {
    this.masters = List.copyOf(masters);
    this.replicas = List.copyOf(replicas);
    this.sentinel = sentinel;
    this.sentinelPort = sentinelPort;
    this.sentinelDir = sentinelDir;
  }

  /** A master, its replica and a Sentinel (see {@link ReplicatedRedis#sentinel()}). */
  public static EmbeddedReplicatedRedis sentinel() {
    List<EmbeddedRedisServer> started = new ArrayList<>();
    try {
      EmbeddedRedisServer master = EmbeddedRedisServer.launch(INSTANCE_PREFIX, FreePort::find, null, null, List.of());
      started.add(master);
      EmbeddedRedisServer replica = EmbeddedRedisServer.launch(INSTANCE_PREFIX, FreePort::find, null, null,
          List.of("--replicaof", HOST, Integer.toString(master.port())));
      started.add(replica);
      // The Sentinel learns of replicas from the master's INFO, asked at once and then every 10 s: start it once
      // the master has its replica, so it needs no second round.
      await("the replica on port " + replica.port() + " to sync", () -> {
        String info = command(replica.port(), "INFO", "replication");
        return info != null && info.contains("master_link_status:up");
      });
      InstanceDir dir = InstanceDir.create(INSTANCE_PREFIX);
      int port = FreePort.find();
      Path config = dir.path().resolve("sentinel.conf");
      Path log = dir.path().resolve("sentinel.log");
      Process process;
      try {
        Files.writeString(config, String.join(System.lineSeparator(),
            "port " + port,
            "bind " + HOST,
            "dir " + dir.path(),
            "sentinel monitor " + MASTER_NAME + " " + HOST + " " + master.port() + " 1",
            "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
            "sentinel failover-timeout " + MASTER_NAME + " 5000",
            ""), StandardCharsets.UTF_8);
        process = new ProcessBuilder(master.binary(), config.toString(), "--sentinel")
            .directory(dir.path().toFile()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        process.getOutputStream().close();
      } catch (IOException e) {
        dir.delete();
        throw new UncheckedIOException("Cannot start the Sentinel", e);
      }
      EmbeddedReplicatedRedis setup = new EmbeddedReplicatedRedis(List.of(master), List.of(replica), process, port, dir);
      Shutdown.register("stop embedded Redis Sentinel group on port " + port, setup::close);
      await("the Sentinel on port " + port + " to see master and replica", () -> {
        String info = command(port, "INFO", "sentinel");
        return info != null && info.contains("address=" + HOST + ":" + master.port() + ",slaves=1");
      });
      return setup;
    } catch (RuntimeException e) {
      started.forEach(EmbeddedRedisServer::destroy);
      throw e;
    }
  }

  /** Three masters with one replica each (see {@link ReplicatedRedis#cluster()}). */
  public static EmbeddedReplicatedRedis cluster() {
    List<EmbeddedRedisServer> masters = new ArrayList<>();
    List<EmbeddedRedisServer> replicas = new ArrayList<>();
    List<String> args = List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
        "--cluster-node-timeout", "1000");
    try {
      for (int i = 0; i < 3; i++) {
        masters.add(EmbeddedRedisServer.launch(INSTANCE_PREFIX, () -> FreePort.findWithPartner(BUS_PORT_OFFSET),
            null, null, args));
      }
      for (int i = 0; i < 3; i++) {
        replicas.add(EmbeddedRedisServer.launch(INSTANCE_PREFIX, () -> FreePort.findWithPartner(BUS_PORT_OFFSET),
            null, null, args));
      }
      for (int i = 0; i < 3; i++) {
        EmbeddedRedisServer master = masters.get(i);
        List<String> addSlots = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
        for (int slot = i * SLOTS / 3; slot <= (i + 1) * SLOTS / 3 - 1; slot++) {
          addSlots.add(Integer.toString(slot));
        }
        command(master.port(), "CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1));
        command(master.port(), addSlots.toArray(String[]::new));
      }
      EmbeddedRedisServer first = masters.get(0);
      for (EmbeddedRedisServer other : concat(masters.subList(1, 3), replicas)) {
        command(first.port(), "CLUSTER", "MEET", HOST, Integer.toString(other.port()));
      }
      await("every node to know the 6 nodes", () -> concat(masters, replicas).stream().allMatch(n -> {
        String info = command(n.port(), "CLUSTER", "INFO");
        return info != null && info.contains("cluster_known_nodes:6");
      }));
      for (int i = 0; i < 3; i++) {
        String masterId = command(masters.get(i).port(), "CLUSTER", "MYID");
        int replicaPort = replicas.get(i).port();
        await("the replica on port " + replicaPort + " to follow its master",
            () -> "OK".equals(command(replicaPort, "CLUSTER", "REPLICATE", masterId)));
      }
      await("every node to report cluster_state:ok and every replica to be in sync", () -> {
        for (EmbeddedRedisServer n : concat(masters, replicas)) {
          String info = command(n.port(), "CLUSTER", "INFO");
          if (info == null || !info.contains("cluster_state:ok")) {
            return false;
          }
        }
        return replicas.stream().allMatch(r -> {
          String info = command(r.port(), "INFO", "replication");
          return info != null && info.contains("master_link_status:up");
        });
      });
      EmbeddedReplicatedRedis setup = new EmbeddedReplicatedRedis(masters, replicas, null, 0, null);
      Shutdown.register("stop embedded Redis Cluster with replicas", setup::close);
      return setup;
    } catch (RuntimeException e) {
      masters.forEach(EmbeddedRedisServer::destroy);
      replicas.forEach(EmbeddedRedisServer::destroy);
      throw e;
    }
  }

  private static List<EmbeddedRedisServer> concat(List<EmbeddedRedisServer> a, List<EmbeddedRedisServer> b) {
    List<EmbeddedRedisServer> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** The reply of one command, or null when the server does not answer. */
  private static String command(int port, String... args) {
    try (Resp resp = Resp.connect(HOST, port, null, Duration.ofSeconds(2))) {
      return resp.command(args);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Waited " + READY_TIMEOUT.toSeconds() + " s in vain for " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }

  @Override
  public Map<String, String> configValues() {
    Map<String, String> values = new LinkedHashMap<>();
    if (sentinel != null) {
      values.put("redis.mode", "sentinel");
      values.put("redis.nodes", HOST + ":" + sentinelPort);
      values.put("redis.sentinel.master", MASTER_NAME);
    } else {
      values.put("redis.mode", "cluster");
      values.put("redis.nodes", String.join(",", masters()));
    }
    return values;
  }

  @Override
  public List<String> masters() {
    return masters.stream().map(s -> s.host() + ":" + s.port()).toList();
  }

  @Override
  public List<String> replicas() {
    return replicas.stream().map(s -> s.host() + ":" + s.port()).toList();
  }

  @Override
  public void kill(String address) {
    for (EmbeddedRedisServer server : concat(masters, replicas)) {
      if (address.equals(server.host() + ":" + server.port())) {
        server.kill();
        return;
      }
    }
    throw new IllegalArgumentException("not a server of this setup: " + address);
  }

  @Override
  public String currentMaster() {
    if (sentinel != null) {
      String info = command(sentinelPort, "INFO", "sentinel");
      Matcher m = SENTINEL_MASTER.matcher(info == null ? "" : info);
      if (!m.find()) {
        throw new IllegalStateException("The Sentinel on port " + sentinelPort + " names no master: " + info);
      }
      return m.group(1);
    }
    for (EmbeddedRedisServer node : concat(masters, replicas)) {
      String nodes = command(node.port(), "CLUSTER", "NODES");
      if (nodes == null) {
        continue;
      }
      for (String line : nodes.split("\n")) {
        String[] f = line.trim().split(" ");
        if (f.length > 8 && f[2].contains("master") && !f[2].contains("fail") && f[8].startsWith("0-")) {
          return f[1].substring(0, f[1].indexOf('@'));
        }
      }
    }
    throw new IllegalStateException("No live cluster node names a master of slot 0");
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (sentinel != null) {
      sentinel.destroyForcibly();
      try {
        sentinel.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      sentinelDir.delete();
    }
    replicas.forEach(EmbeddedRedisServer::destroy);
    masters.forEach(EmbeddedRedisServer::destroy);
  }

  @Override
  public String toString() {
    return "ReplicatedRedis[" + (sentinel != null ? "sentinel " + HOST + ":" + sentinelPort + ", " : "cluster, ")
        + "masters=" + masters() + ", replicas=" + replicas() + "]";
  }
}
