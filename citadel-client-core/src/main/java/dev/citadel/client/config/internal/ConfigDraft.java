package dev.citadel.client.config.internal;

import dev.citadel.client.config.AuditConfig;
import dev.citadel.client.config.AuthConfig;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.MigrationConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.config.QdrantConfig;
import dev.citadel.client.config.RedisConfig;
import dev.citadel.client.config.ResilienceConfig;
import java.util.HashSet;
import java.util.Set;

/** The builders one load fills in, key by key, before a single validated build. */
final class ConfigDraft {
  final CitadelConfig.Builder root = CitadelConfig.builder();
  final DatabaseConfig.Builder database = DatabaseConfig.builder();
  final PoolConfig.Builder pool = PoolConfig.builder();
  final PoolConfig.Builder directPool =
      PoolConfig.builder().minConnections(0).maxConnections(4);
  final MigrationConfig.Builder migrations = MigrationConfig.builder();
  final RedisConfig.Builder redis = RedisConfig.builder();
  final QdrantConfig.Builder qdrant = QdrantConfig.builder();
  final AuditConfig.Builder audit = AuditConfig.builder();
  final AuthConfig.Builder auth = AuthConfig.builder();
  final ResilienceConfig.Builder resilience = ResilienceConfig.builder();
  /** Sections that at least one key was set for: only those appear in the config. */
  final Set<String> sections = new HashSet<>();

  CitadelConfig build() {
    root.resilience(resilience.build());
    if (sections.contains("database")) {
      root.database(
          database
              .pool(pool.build())
              .directPool(directPool.build())
              .migrations(migrations.build())
              .build());
    }
    if (sections.contains("redis")) {
      root.redis(redis.build());
    }
    if (sections.contains("qdrant")) {
      root.qdrant(qdrant.build());
    }
    if (sections.contains("audit")) {
      root.audit(audit.build());
    }
    if (sections.contains("auth")) {
      root.auth(auth.build());
    }
    return root.build();
  }
}
