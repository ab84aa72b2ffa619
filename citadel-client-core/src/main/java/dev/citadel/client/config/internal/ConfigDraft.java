package dev.citadel.client.config.internal;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.MigrationConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.config.RedisConfig;
import dev.citadel.client.config.ResilienceConfig;

/** The builders one load fills in, key by key, before a single validated build. */
final class ConfigDraft {
  final CitadelConfig.Builder root = CitadelConfig.builder();
  final DatabaseConfig.Builder database = DatabaseConfig.builder();
  final PoolConfig.Builder pool = PoolConfig.builder();
  final PoolConfig.Builder directPool =
      PoolConfig.builder().minConnections(0).maxConnections(4);
  final MigrationConfig.Builder migrations = MigrationConfig.builder();
  final RedisConfig.Builder redis = RedisConfig.builder();
  final ResilienceConfig.Builder resilience = ResilienceConfig.builder();
  boolean databaseSet;
  boolean redisSet;

  CitadelConfig build() {
    root.resilience(resilience.build());
    if (databaseSet) {
      root.database(
          database
              .pool(pool.build())
              .directPool(directPool.build())
              .migrations(migrations.build())
              .build());
    }
    if (redisSet) {
      root.redis(redis.build());
    }
    return root.build();
  }
}
