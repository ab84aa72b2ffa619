package dev.citadel.client.support;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.spi.ConfigKey;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.ConfigValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The test kit's ready configuration for a test database, read through the one loader. The
 * database is any {@link ConfigValues} of its {@code database.*} settings: a
 * {@code TestDatabase}, or one reached through a proxy or pooler ({@code proxy.database(db)}).
 */
public final class TestConfigs {
  private TestConfigs() {}

  /** The kit's database section, to adjust in code. */
  public static DatabaseConfig.Builder database(ConfigValues db) {
    return citadel(db).database().toBuilder();
  }

  /** The kit's configuration: the database, fast retries, a small pool. */
  public static CitadelConfig citadel(ConfigValues db) {
    return CitadelConfig.fromValues(CitadelTestKit.config(db).values());
  }

  /** The kit's configuration with the database section adjusted by {@code customize}. */
  public static CitadelConfig citadel(ConfigValues db, UnaryOperator<DatabaseConfig.Builder> customize) {
    CitadelConfig config = citadel(db);
    return config.toBuilder().database(customize.apply(config.database().toBuilder()).build()).build();
  }

  /**
   * The {@code CITADEL_*} environment variables that carry {@code values} to a child JVM (one the
   * test kills), e.g. {@code database.host} as {@code CITADEL_DATABASE_HOST}.
   */
  public static Map<String, String> environment(ConfigValues values) {
    Map<String, String> env = new LinkedHashMap<>();
    values.configValues().forEach((key, value) -> env.put(ConfigKey.citadelEnvName(key), value));
    return env;
  }
}
