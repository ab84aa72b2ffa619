package dev.citadel.client.config.internal;

import dev.citadel.client.config.AuditConfig;
import dev.citadel.client.config.AuthConfig;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.MigrationConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.config.ResilienceConfig;
import dev.citadel.client.config.TlsOptions;
import dev.citadel.client.config.spi.ConfigSection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The builders one load fills in, key by key, before a single validated build. */
final class ConfigDraft {
  final CitadelConfig.Builder root = CitadelConfig.builder();
  final DatabaseConfig.Builder database = DatabaseConfig.builder();
  final TlsOptions.Builder databaseTls = DatabaseConfig.DEFAULT_TLS.toBuilder();
  final PoolConfig.Builder pool = PoolConfig.builder();
  final PoolConfig.Builder directPool = DatabaseConfig.DEFAULT_DIRECT_POOL.toBuilder();
  final MigrationConfig.Builder migrations = MigrationConfig.builder();
  final AuditConfig.Builder audit = AuditConfig.builder();
  final AuthConfig.Builder auth = AuthConfig.builder();
  final ResilienceConfig.Builder resilience = ResilienceConfig.builder();
  /** Sections that at least one key was set for: only those appear in the config. */
  final Set<String> sections = new HashSet<>();
  /** The drafts of modules' sections, created by the first key set in each. */
  private final Map<ConfigSection<?, ?>, Object> moduleDrafts = new LinkedHashMap<>();

  /** The draft of a module's section, marking the section present. */
  Object moduleDraft(ConfigSection<?, ?> section) {
    sections.add(section.name());
    return moduleDrafts.computeIfAbsent(section, ConfigSection::newDraft);
  }

  CitadelConfig build() {
    root.resilience(resilience.build());
    if (sections.contains("database")) {
      root.database(
          database
              .tls(databaseTls.build())
              .pool(pool.build())
              .directPool(directPool.build())
              .migrations(migrations.build())
              .build());
    }
    if (sections.contains("audit")) {
      root.audit(audit.build());
    }
    if (sections.contains("auth")) {
      root.auth(auth.build());
    }
    moduleDrafts.forEach((section, draft) -> root.section(buildSection(section, draft)));
    return root.build();
  }

  @SuppressWarnings("unchecked")
  private static <D> Object buildSection(ConfigSection<D, ?> section, Object draft) {
    return section.build((D) draft);
  }
}
