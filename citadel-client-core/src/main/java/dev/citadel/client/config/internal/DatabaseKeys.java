package dev.citadel.client.config.internal;

import static dev.citadel.client.config.internal.ConfigKeys.sectionKey;
import static dev.citadel.client.config.spi.ConfigKey.asList;
import static dev.citadel.client.config.spi.ConfigKey.asMap;

import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.config.spi.TlsKeys;
import dev.citadel.client.config.spi.ConfigKey.Kind;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** The {@code database:} section's keys. */
final class DatabaseKeys {
  private DatabaseKeys() {}

  static void register() {
    sectionKey("database.host", Kind.TEXT, (d, v) -> d.database.host((String) v), "POSTGRES_HOST");
    sectionKey("database.port", Kind.INT, (d, v) -> d.database.port((Integer) v), "POSTGRES_PORT");
    sectionKey("database.direct_host", Kind.TEXT, (d, v) -> d.database.directHost((String) v));
    sectionKey("database.direct_port", Kind.INT, (d, v) -> d.database.directPort((Integer) v));
    sectionKey("database.hosts", Kind.LIST, (d, v) -> d.database.hosts(asList(v)));
    sectionKey("database.direct_hosts", Kind.LIST, (d, v) -> d.database.directHosts(asList(v)));
    sectionKey("database.read_hosts", Kind.LIST, (d, v) -> d.database.readHosts(asList(v)));
    sectionKey("database.replica_wait_timeout", Kind.DURATION,
        (d, v) -> d.database.replicaWaitTimeout((Duration) v));
    sectionKey("database.database", Kind.TEXT, (d, v) -> d.database.database((String) v), "POSTGRES_DB");
    sectionKey("database.user", Kind.TEXT, (d, v) -> d.database.user((String) v), "POSTGRES_USER");
    sectionKey("database.password", Kind.SECRET, (d, v) -> d.database.password((String) v), "POSTGRES_PASSWORD");
    sectionKey("database.application_name", Kind.TEXT, (d, v) -> d.database.applicationName((String) v));
    sectionKey("database.statement_timeout", Kind.DURATION, (d, v) -> d.database.statementTimeout((Duration) v));
    sectionKey("database.connect_timeout", Kind.DURATION, (d, v) -> d.database.connectTimeout((Duration) v));
    sectionKey("database.socket_timeout", Kind.DURATION, (d, v) -> d.database.socketTimeout((Duration) v));
    sectionKey("database.transaction_pooler", Kind.BOOL, (d, v) -> d.database.transactionPooler((Boolean) v));
    ConfigKeys.sectionKeys(TlsKeys.of("database", d -> d.databaseTls));
    pool("database.pool", d -> d.pool, "POSTGRES_POOL_TIMEOUT");
    ConfigKeys.seedSpelling("database.pool.connection_timeout", "database.pool.wait_timeout");
    pool("database.direct_pool", d -> d.directPool);
    sectionKey("database.default_models", Kind.BOOL, (d, v) -> d.database.includeDefaultModels((Boolean) v));
    sectionKey("database.schemas", Kind.LIST, (d, v) -> {
      List<String> schemas = asList(v);
      for (int i = 0; i < schemas.size(); i++) {
        d.database.addModel(ModelSchemas.check("database.schemas[" + i + "]", schemas.get(i), schemas.get(i)));
      }
    });
    sectionKey("database.models", Kind.MAP, (d, v) -> d.database.models(asMap(v)));
    sectionKey("database.metadata_schema", Kind.TEXT, (d, v) -> d.database.metadataSchema((String) v));
    sectionKey("database.transaction_max_attempts", Kind.INT,
        (d, v) -> d.database.transactionMaxAttempts((Integer) v));
    sectionKey("database.migrations.run_on_start", Kind.BOOL, (d, v) -> d.migrations.runOnStart((Boolean) v));
    sectionKey("database.migrations.locations", Kind.LIST, (d, v) -> d.migrations.locations(asList(v)));
    sectionKey("database.migrations.history_schema", Kind.TEXT, (d, v) -> d.migrations.historySchema((String) v));
    sectionKey("database.migrations.table", Kind.TEXT, (d, v) -> d.migrations.table((String) v));
    sectionKey("database.migrations.app_table", Kind.TEXT, (d, v) -> d.migrations.appTable((String) v));
  }

  private static void pool(String prefix, Function<ConfigDraft, PoolConfig.Builder> pool, String... timeoutAliases) {
    sectionKey(prefix + ".min_connections", Kind.INT, (d, v) -> pool.apply(d).minConnections((Integer) v));
    sectionKey(prefix + ".max_connections", Kind.INT, (d, v) -> pool.apply(d).maxConnections((Integer) v));
    sectionKey(prefix + ".wait_timeout", Kind.DURATION,
        (d, v) -> pool.apply(d).waitTimeout((Duration) v), timeoutAliases);
    sectionKey(prefix + ".idle_timeout", Kind.DURATION, (d, v) -> pool.apply(d).idleTimeout((Duration) v));
    sectionKey(prefix + ".max_lifetime", Kind.DURATION, (d, v) -> pool.apply(d).maxLifetime((Duration) v));
  }
}
