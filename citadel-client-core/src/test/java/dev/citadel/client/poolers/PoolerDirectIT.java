package dev.citadel.client.poolers;

import java.time.Duration;

/** The suite with the pooled endpoint on PostgreSQL itself: the baseline the poolers must match (a shorter load). */
class PoolerDirectIT extends PoolerAcceptanceSuite {
  @Override
  protected PoolerTarget target() {
    return PoolerTarget.DIRECT;
  }

  @Override
  protected Duration loadDuration() {
    return Duration.ofSeconds(10);
  }
}
