package dev.citadel.client.cache.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.cache.CitadelCache;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.testkit.ReplicatedRedis;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A Redis Cluster master is killed (SIGKILL) while sessions, rate limits and queue claims run; its
 * replica takes its slots over and the client finds it through Lettuce's topology refresh
 * (adaptive triggers on persistent reconnects and redirects, plus a periodic refresh), which the
 * SDK turns on by default. Failures are bounded and typed; the outage windows are printed.
 */
class ClusterFailoverIT {

  @Test
  void theClientFindsTheReplicaThatTookOverWithTypedBoundedFailures() throws Exception {
    try (ReplicatedRedis redis = ReplicatedRedis.cluster();
        CitadelCache cache = CitadelCache.create(CitadelConfig.fromValues(FailoverConfig.values(redis)));
        FailoverLoad load = new FailoverLoad(cache, "cluster-failover")) {
      load.awaitEveryKindWorks(0, 50, Duration.ofSeconds(30));

      String killed = redis.currentMaster(); // the master of slot 0
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
