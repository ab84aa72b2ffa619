package dev.citadel.client.poolers;

import java.time.Duration;

/** The suite through PgBouncer in session mode (a shorter load). */
class PoolerPgBouncerSessionIT extends PoolerAcceptanceSuite {
  @Override
  protected PoolerTarget target() {
    return PoolerTarget.PGBOUNCER_SESSION;
  }

  @Override
  protected Duration loadDuration() {
    return Duration.ofSeconds(10);
  }
}
