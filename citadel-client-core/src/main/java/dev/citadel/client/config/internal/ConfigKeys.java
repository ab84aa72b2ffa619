package dev.citadel.client.config.internal;

import dev.citadel.client.config.SslMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The table of every configuration key: its YAML path, value type, environment variable names
 * and where it goes. The loader, the unknown-key check and the README's reference all follow it.
 */
public final class ConfigKeys {

  /** How a raw value (YAML scalar/list/map or environment string) becomes a typed one. */
  enum Kind {
    TEXT, SECRET, INT, DOUBLE, BOOL, DURATION, SSL_MODE, LIST, MAP
  }

  /** One key. */
  record Key(String path, Kind kind, List<String> envNames, BiConsumer<ConfigDraft, Object> setter) {
    boolean isSecret() {
      return kind == Kind.SECRET;
    }
  }

  static final Map<String, Key> KEYS = new LinkedHashMap<>();

  static {
    key("client.name", Kind.TEXT, (d, v) -> d.root.clientName((String) v));

    db("database.host", Kind.TEXT, (d, v) -> d.database.host((String) v), "POSTGRES_HOST");
    db("database.port", Kind.INT, (d, v) -> d.database.port((Integer) v), "POSTGRES_PORT");
    db("database.direct_host", Kind.TEXT, (d, v) -> d.database.directHost((String) v));
    db("database.direct_port", Kind.INT, (d, v) -> d.database.directPort((Integer) v));
    db("database.database", Kind.TEXT, (d, v) -> d.database.database((String) v), "POSTGRES_DB");
    db("database.user", Kind.TEXT, (d, v) -> d.database.user((String) v), "POSTGRES_USER");
    db("database.password", Kind.SECRET, (d, v) -> d.database.password((String) v), "POSTGRES_PASSWORD");
    db("database.application_name", Kind.TEXT, (d, v) -> d.database.applicationName((String) v));
    db("database.statement_timeout", Kind.DURATION, (d, v) -> d.database.statementTimeout((Duration) v));
    db("database.connect_timeout", Kind.DURATION, (d, v) -> d.database.connectTimeout((Duration) v));
    db("database.transaction_pooler", Kind.BOOL, (d, v) -> d.database.transactionPooler((Boolean) v));
    db("database.ssl.mode", Kind.SSL_MODE, (d, v) -> d.database.sslMode((SslMode) v));
    db("database.ssl.root_cert", Kind.TEXT, (d, v) -> d.database.sslRootCert((String) v));
    pool("database.pool", d -> d.pool);
    pool("database.direct_pool", d -> d.directPool);
    db("database.default_models", Kind.BOOL, (d, v) -> d.database.includeDefaultModels((Boolean) v));
    db("database.schemas", Kind.LIST, (d, v) -> {
      List<String> schemas = asList(v);
      for (int i = 0; i < schemas.size(); i++) {
        d.database.addModel(Checks.identifier("database.schemas[" + i + "]", schemas.get(i)));
      }
    });
    db("database.models", Kind.MAP, (d, v) -> d.database.models(asMap(v)));
    db("database.metadata_schema", Kind.TEXT, (d, v) -> d.database.metadataSchema((String) v));
    db("database.transaction_max_attempts", Kind.INT, (d, v) -> d.database.transactionMaxAttempts((Integer) v));
    db("database.migrations.run_on_start", Kind.BOOL, (d, v) -> d.migrations.runOnStart((Boolean) v));
    db("database.migrations.locations", Kind.LIST, (d, v) -> d.migrations.locations(asList(v)));
    db("database.migrations.history_schema", Kind.TEXT, (d, v) -> d.migrations.historySchema((String) v));
    db("database.migrations.table", Kind.TEXT, (d, v) -> d.migrations.table((String) v));
    db("database.migrations.app_table", Kind.TEXT, (d, v) -> d.migrations.appTable((String) v));

    redis("redis.host", Kind.TEXT, (d, v) -> d.redis.host((String) v));
    redis("redis.port", Kind.INT, (d, v) -> d.redis.port((Integer) v));
    redis("redis.username", Kind.TEXT, (d, v) -> d.redis.username((String) v));
    redis("redis.password", Kind.SECRET, (d, v) -> d.redis.password((String) v));
    redis("redis.cache.default_ttl", Kind.DURATION, (d, v) -> d.redis.defaultTtl((Duration) v));
    redis("redis.cache.max_memory", Kind.TEXT, (d, v) -> d.redis.maxMemory((String) v));
    redis("redis.cache.eviction_policy", Kind.TEXT, (d, v) -> d.redis.evictionPolicy((String) v));

    key("resilience.retry.max_attempts", Kind.INT, (d, v) -> d.resilience.maxAttempts((Integer) v));
    key("resilience.retry.initial_delay", Kind.DURATION, (d, v) -> d.resilience.initialDelay((Duration) v));
    key("resilience.retry.max_delay", Kind.DURATION, (d, v) -> d.resilience.maxDelay((Duration) v));
    key("resilience.retry.jitter", Kind.DOUBLE, (d, v) -> d.resilience.jitter((Double) v));
    key("resilience.retry.max_duration", Kind.DURATION, (d, v) -> d.resilience.maxRetryDuration((Duration) v));
    key("resilience.circuit_breaker.failure_threshold", Kind.INT, (d, v) -> d.resilience.failureThreshold((Integer) v));
    key("resilience.circuit_breaker.delay", Kind.DURATION, (d, v) -> d.resilience.breakerDelay((Duration) v));
    key("resilience.circuit_breaker.success_threshold", Kind.INT, (d, v) -> d.resilience.successThreshold((Integer) v));
  }

  private ConfigKeys() {}

  /** Every YAML path, in documentation order. */
  public static List<String> paths() {
    return List.copyOf(KEYS.keySet());
  }

  /** The environment variable names that set {@code path}, strongest last. */
  public static List<String> envNames(String path) {
    return KEYS.get(path).envNames();
  }

  /** {@code database.direct_port} becomes {@code CITADEL_DATABASE_DIRECT_PORT}. */
  static String citadelEnvName(String path) {
    return "CITADEL_" + path.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  private static void key(String path, Kind kind, BiConsumer<ConfigDraft, Object> setter, String... aliases) {
    List<String> env = new ArrayList<>(Arrays.asList(aliases));
    env.add(citadelEnvName(path));
    KEYS.put(path, new Key(path, kind, List.copyOf(env), setter));
  }

  private static void db(String path, Kind kind, BiConsumer<ConfigDraft, Object> setter, String... aliases) {
    key(path, kind, (d, v) -> {
      d.databaseSet = true;
      setter.accept(d, v);
    }, aliases);
  }

  private static void redis(String path, Kind kind, BiConsumer<ConfigDraft, Object> setter) {
    key(path, kind, (d, v) -> {
      d.redisSet = true;
      setter.accept(d, v);
    });
  }

  private static void pool(String prefix, Function<ConfigDraft, dev.citadel.client.config.PoolConfig.Builder> pool) {
    boolean pooled = prefix.equals("database.pool");
    db(prefix + ".min_connections", Kind.INT, (d, v) -> pool.apply(d).minConnections((Integer) v));
    db(prefix + ".max_connections", Kind.INT, (d, v) -> pool.apply(d).maxConnections((Integer) v));
    if (pooled) {
      db(prefix + ".connection_timeout", Kind.DURATION,
          (d, v) -> pool.apply(d).connectionTimeout((Duration) v), "POSTGRES_POOL_TIMEOUT");
    } else {
      db(prefix + ".connection_timeout", Kind.DURATION, (d, v) -> pool.apply(d).connectionTimeout((Duration) v));
    }
    db(prefix + ".idle_timeout", Kind.DURATION, (d, v) -> pool.apply(d).idleTimeout((Duration) v));
    db(prefix + ".max_lifetime", Kind.DURATION, (d, v) -> pool.apply(d).maxLifetime((Duration) v));
  }

  @SuppressWarnings("unchecked")
  private static List<String> asList(Object v) {
    return (List<String>) v;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> asMap(Object v) {
    return (Map<String, String>) v;
  }

  /** Keys that are sections, for telling "unknown key" from "a section written as a value". */
  static boolean isSection(String path) {
    String prefix = path + ".";
    return KEYS.keySet().stream().anyMatch(k -> k.startsWith(prefix));
  }
}
