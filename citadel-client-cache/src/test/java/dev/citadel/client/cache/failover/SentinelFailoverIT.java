package dev.citadel.client.cache.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.cache.CitadelCache;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.ReplicatedRedis;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Sentinel-watched master is killed (SIGKILL) while sessions, rate limits and queue claims
 * run; the Sentinel promotes the replica and the client follows it without a restart (Lettuce asks
 * the Sentinels for the master on each reconnect). Failures are bounded and typed, and every job
 * is accounted for under the at-least-once rule; the outage windows are printed.
 */
class SentinelFailoverIT {

  @Test
  void theClientFollowsThePromotedReplicaWithTypedBoundedFailures() throws Exception {
    try (ReplicatedRedis redis = ReplicatedRedis.sentinel();
        CitadelCache cache = CitadelCache.create(CitadelConfig.fromValues(FailoverConfig.values(redis)));
        FailoverLoad load = new FailoverLoad(cache, "sentinel-failover")) {
      String master = redis.masters().get(0);
      load.awaitEveryKindWorks(0, 50, Duration.ofSeconds(30));

      long killedAt = System.nanoTime();
      redis.kill(master);
      await().atMost(Duration.ofSeconds(30)).until(() -> redis.currentMaster().equals(redis.replicas().get(0)));
      load.awaitEveryKindWorks(killedAt, 50, Duration.ofSeconds(30));
      long recoveredMs = (System.nanoTime() - killedAt) / 1_000_000;

      FailoverLoad.Jobs jobs = load.finish(Duration.ofSeconds(30));
      load.assertTypedAndPrintWindows("sentinel failover");
      System.out.printf("sentinel failover: every kind worked 50 times again %d ms after the kill; jobs %s%n",
          recoveredMs, jobs);
      assertThat(jobs.accepted()).isPositive();
      assertThat(jobs.lost() + jobs.ackedTwice())
          .as("only writes the old master acknowledged but had not replicated may be lost: " + jobs)
          .isLessThanOrEqualTo(FailoverConfig.REPLICATION_GAP_ALLOWANCE);
      assertThat(cache.health().healthy()).isTrue();
    }
  }
}
