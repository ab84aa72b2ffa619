package dev.citadel.client.cache.failover;

import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.ConfigValues;
import java.util.Map;

/** The failover tests' settings: the kit's values for the servers, short timeouts, a quick breaker. */
final class FailoverConfig {
  /**
   * Redis replicates asynchronously: writes the killed master acknowledged in its last moment may
   * not have reached the replica (an enqueue lost, an ack lost so the job is delivered again). On
   * one machine that gap is a few calls; more would mean the client lost work itself.
   */
  static final int REPLICATION_GAP_ALLOWANCE = 10;

  private FailoverConfig() {}

  static Map<String, String> values(ConfigValues redis) {
    return CitadelTestKit.config(redis)
        .with("redis.connect_timeout", "1s")
        .with("redis.command_timeout", "2s")
        .with("redis.queue.visibility_timeout", "2s")
        .with("resilience.retry.max_attempts", 2)
        .with("resilience.circuit_breaker.failure_threshold", 5)
        .with("resilience.circuit_breaker.delay", "500ms")
        .with("resilience.circuit_breaker.success_threshold", 1)
        .values();
  }
}
