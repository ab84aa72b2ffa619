package dev.citadel.client.poolers;

/** The suite through Pgpool-II (raw mode, connection cache, 48 children). */
class PoolerPgpoolIT extends PoolerAcceptanceSuite {
  @Override
  protected PoolerTarget target() {
    return PoolerTarget.PGPOOL;
  }
}
