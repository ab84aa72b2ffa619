package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.RedisCluster;
import dev.citadel.client.testkit.ServerSource;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A Redis Cluster named by {@link Settings#REDIS_CLUSTER_NODES}; it is neither started nor stopped. */
public final class ExternalRedisCluster implements RedisCluster {

  private final List<String> nodes;
  private final String password;

  private ExternalRedisCluster(List<String> nodes, String password) {
    this.nodes = List.copyOf(nodes);
    this.password = password;
  }

  /**
   * Checks that every named node answers {@code CLUSTER INFO} with {@code cluster_state:ok}.
   *
   * @param settings must name {@link Settings#REDIS_CLUSTER_NODES}
   * @return the cluster
   * @throws IllegalStateException when the variable is unset or malformed, or a node is not ready
   */
  public static ExternalRedisCluster connect(Settings settings) {
    String value = settings.get(Settings.REDIS_CLUSTER_NODES);
    if (value == null) {
      throw new IllegalStateException(Settings.REDIS_CLUSTER_NODES + " is not set: no external Redis Cluster is named");
    }
    String password = settings.raw(Settings.REDIS_PASSWORD);
    if (password != null && password.isEmpty()) {
      password = null;
    }
    List<String> nodes = new ArrayList<>();
    for (String node : value.split(",")) {
      String trimmed = node.trim();
      int colon = trimmed.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalStateException(Settings.REDIS_CLUSTER_NODES + " must list host:port entries, got '"
            + trimmed + "'");
      }
      String host = trimmed.substring(0, colon);
      int port;
      try {
        port = Integer.parseInt(trimmed.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalStateException(Settings.REDIS_CLUSTER_NODES + ": '" + trimmed + "' has no port number");
      }
      try (Resp resp = Resp.connect(host, port, password, Duration.ofSeconds(5))) {
        String info = resp.command("CLUSTER", "INFO");
        if (info == null || !info.contains("cluster_state:ok")) {
          throw new IllegalStateException("The external Redis Cluster node " + trimmed
              + " is not ready (cluster_state is not ok)");
        }
      } catch (IOException e) {
        throw new IllegalStateException("Cannot reach the external Redis Cluster node " + trimmed + " named by "
            + Settings.REDIS_CLUSTER_NODES + ": " + e.getMessage(), e);
      }
      nodes.add(trimmed);
    }
    return new ExternalRedisCluster(nodes, password);
  }

  @Override
  public ServerSource source() {
    return ServerSource.EXTERNAL;
  }

  @Override
  public List<String> nodes() {
    return nodes;
  }

  @Override
  public String password() {
    return password;
  }

  @Override
  public String uri() {
    String auth = password == null ? "" : ":" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@";
    return "redis://" + auth + nodes.get(0);
  }

  @Override
  public String toString() {
    return "RedisCluster[source=EXTERNAL, nodes=" + nodes + ", password=" + (password == null ? "none" : "***") + "]";
  }
}
