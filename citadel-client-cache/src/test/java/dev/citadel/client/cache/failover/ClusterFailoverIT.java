package dev.citadel.client.cache.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.cache.CitadelCache;
import dev.citadel.client.config.CitadelConfig;
import io.lettuce.core.cluster.SlotHash;
import dev.citadel.client.testkit.ReplicatedRedis;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A Redis Cluster master is killed (SIGKILL) while sessions, rate limits and queue claims run; its
 * replica takes its slots over and the client finds it through Lettuce's topology refresh
 * (adaptive triggers on persistent reconnects and redirects, plus a periodic refresh), which the
 * SDK turns on by default. The queue lives on the killed master. Failures are bounded and typed
 * (one breaker guards the whole deployment, so failures on the dead master's keys can fail calls
 * on the others fast for a moment); the outage windows are printed.
 */
class ClusterFailoverIT {

  /** A queue name whose hash slot the first master serves (slots 0-5460), so killing it stops the queue. */
  private static String queueOnTheFirstMaster() {
    for (int i = 0; ; i++) {
      String name = "cluster-failover-" + i;
      if (SlotHash.getSlot(name) <= 5460) {
        return name;
      }
    }
  }

  @Test
  void theClientFindsTheReplicaThatTookOverWithTypedBoundedFailures() throws Exception {
    try (ReplicatedRedis redis = ReplicatedRedis.cluster();
        CitadelCache cache = CitadelCache.create(CitadelConfig.fromValues(FailoverConfig.values(redis)));
        FailoverLoad load = new FailoverLoad(cache, queueOnTheFirstMaster())) {
      load.awaitEveryKindWorks(0, 50, Duration.ofSeconds(30));

      String killed = redis.currentMaster(); // the master of slot 0, and of the queue's slot
      int index = redis.masters().indexOf(killed);
      assertThat(index).isNotNegative();
      long killedAt = System.nanoTime();
      redis.kill(killed);
      await().atMost(Duration.ofSeconds(30)).ignoreException(IllegalStateException.class)
          .until(() -> redis.currentMaster().equals(redis.replicas().get(index)));
      load.awaitEveryKindWorks(killedAt, 50, Duration.ofSeconds(45));
      long recoveredMs = (System.nanoTime() - killedAt) / 1_000_000;

      FailoverLoad.Jobs jobs = load.finish(Duration.ofSeconds(30));
      load.assertTypedAndPrintWindows("cluster failover");
      System.out.printf("cluster failover: every kind worked 50 times again %d ms after the kill; jobs %s%n",
          recoveredMs, jobs);
      assertThat(jobs.accepted()).isPositive();
      assertThat(jobs.lost() + jobs.ackedTwice())
          .as("only writes the old master acknowledged but had not replicated may be lost: " + jobs)
          .isLessThanOrEqualTo(FailoverConfig.REPLICATION_GAP_ALLOWANCE);
    }
  }
}
