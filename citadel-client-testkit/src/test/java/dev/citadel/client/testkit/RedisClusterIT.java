package dev.citadel.client.testkit;

import dev.citadel.client.testkit.internal.Resp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(CitadelTestKitExtension.class)
class RedisClusterIT {

  private static String host(String node) {
    return node.substring(0, node.lastIndexOf(':'));
  }

  private static int port(String node) {
    return Integer.parseInt(node.substring(node.lastIndexOf(':') + 1));
  }

  @Test
  void everyNodeReportsAHealthyClusterOfThreeMastersCoveringAllSlots(RedisCluster cluster) throws IOException {
    assertThat(cluster.nodes()).hasSize(3);
    for (String node : cluster.nodes()) {
      try (Resp resp = Resp.connect(host(node), port(node), cluster.password(), Duration.ofSeconds(5))) {
        assertThat(resp.command("CLUSTER", "INFO")).contains("cluster_state:ok", "cluster_slots_assigned:16384",
            "cluster_known_nodes:3", "cluster_size:3");
      }
    }
    assertThat(CitadelTestKit.redisCluster()).as("JVM-wide singleton").isSameAs(cluster);
  }

  @Test
  void exactlyOneMasterOwnsAKeyAndTheOthersRedirect(RedisCluster cluster) throws IOException {
    for (String key : List.of("alpha", "beta", "gamma", "{tag}one")) {
      List<String> replies = new ArrayList<>();
      for (String node : cluster.nodes()) {
        replies.add(RedisIT.call(host(node), port(node), cluster.password(), "SET", key, "v", "EX", "60"));
      }
      assertThat(replies).as("replies to SET %s", key).filteredOn("+OK"::equals).hasSize(1);
      assertThat(replies).filteredOn(r -> r.startsWith("-MOVED")).hasSize(2);
    }
  }
}
