package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.RedisCluster;
import dev.citadel.client.testkit.ServerSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A Redis Cluster of three masters, each an {@link EmbeddedRedisServer} started with {@code cluster-enabled yes} on a
 * free port of 127.0.0.1. The hash slots are split in three ranges, the nodes are introduced with
 * {@code CLUSTER MEET}, and {@link #launch()} returns once every node reports {@code cluster_state:ok} and knows the
 * two others. No replicas: the cluster is for testing key routing and hash tags, not failover.
 */
public final class EmbeddedRedisCluster implements RedisCluster {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedisCluster.class);
  private static final String INSTANCE_PREFIX = "redis-cluster-";
  private static final int MASTERS = 3;
  private static final int SLOTS = 16384;
  /** Redis 6 puts a node's cluster bus on its port + 10000 (not configurable before Redis 7). */
  private static final int BUS_PORT_OFFSET = 10000;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final List<EmbeddedRedisServer> servers;

  private EmbeddedRedisCluster(List<EmbeddedRedisServer> servers) {
    this.servers = List.copyOf(servers);
  }

  /**
   * Starts three cluster-enabled servers and joins them into one cluster.
   *
   * @return the ready cluster; its processes are stopped and deleted at JVM exit
   * @throws IllegalStateException when a server cannot start or the cluster does not become ready
   */
  public static EmbeddedRedisCluster launch() {
    List<EmbeddedRedisServer> servers = new ArrayList<>();
    try {
      for (int i = 0; i < MASTERS; i++) {
        servers.add(EmbeddedRedisServer.launch(INSTANCE_PREFIX, () -> FreePort.findWithPartner(BUS_PORT_OFFSET),
            null, null, List.of(
            "--cluster-enabled", "yes",
            "--cluster-config-file", "nodes.conf",
            "--cluster-node-timeout", "5000")));
      }
      for (int i = 0; i < MASTERS; i++) {
        EmbeddedRedisServer server = servers.get(i);
        int from = i * SLOTS / MASTERS;
        int to = (i + 1) * SLOTS / MASTERS - 1;
        List<String> addSlots = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
        for (int slot = from; slot <= to; slot++) {
          addSlots.add(Integer.toString(slot));
        }
        try (Resp resp = Resp.connect(server.host(), server.port(), null, Duration.ofSeconds(5))) {
          // Distinct epochs up front, so the nodes need no epoch-collision round before agreeing.
          resp.command("CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1));
          resp.command(addSlots.toArray(String[]::new));
        }
      }
      EmbeddedRedisServer first = servers.get(0);
      try (Resp resp = Resp.connect(first.host(), first.port(), null, Duration.ofSeconds(5))) {
        for (EmbeddedRedisServer other : servers.subList(1, MASTERS)) {
          resp.command("CLUSTER", "MEET", other.host(), Integer.toString(other.port()));
        }
      }
      awaitReady(servers);
      EmbeddedRedisCluster cluster = new EmbeddedRedisCluster(servers);
      LOG.info("Embedded Redis Cluster ready: {} masters at {}", MASTERS, cluster.nodes());
      return cluster;
    } catch (IOException e) {
      servers.forEach(EmbeddedRedisServer::destroy);
      throw new IllegalStateException("Cannot form the embedded Redis Cluster: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      servers.forEach(EmbeddedRedisServer::destroy);
      throw e;
    }
  }

  private static void awaitReady(List<EmbeddedRedisServer> servers) throws IOException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String last = "";
    while (true) {
      boolean ready = true;
      for (EmbeddedRedisServer server : servers) {
        try (Resp resp = Resp.connect(server.host(), server.port(), null, Duration.ofSeconds(5))) {
          String info = resp.command("CLUSTER", "INFO");
          if (info == null || !info.contains("cluster_state:ok")
              || !info.contains("cluster_known_nodes:" + servers.size())) {
            ready = false;
            last = server.port() + ": " + info;
            break;
          }
        }
      }
      if (ready) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The embedded Redis Cluster was not ready within "
            + READY_TIMEOUT.toSeconds() + "s; last CLUSTER INFO of node " + last);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }

  @Override
  public ServerSource source() {
    return ServerSource.EMBEDDED;
  }

  @Override
  public List<String> nodes() {
    List<String> nodes = new ArrayList<>();
    for (EmbeddedRedisServer server : servers) {
      nodes.add(server.host() + ":" + server.port());
    }
    return nodes;
  }

  @Override
  public String password() {
    return null;
  }

  @Override
  public String uri() {
    return servers.get(0).uri();
  }

  @Override
  public String toString() {
    return "RedisCluster[source=EMBEDDED, nodes=" + nodes() + ", version=" + servers.get(0).version() + "]";
  }
}
