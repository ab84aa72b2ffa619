package dev.citadel.client.support;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.TestDatabase;
import java.util.function.UnaryOperator;

/** The test kit's ready configuration for a test database, read through the one loader. */
public final class TestConfigs {
  private TestConfigs() {}

  /** The kit's database section, to adjust in code. */
  public static DatabaseConfig.Builder database(TestDatabase db) {
    return citadel(db).database().toBuilder();
  }

  /** The kit's configuration: the database, fast retries, a small pool. */
  public static CitadelConfig citadel(TestDatabase db) {
    return CitadelConfig.fromValues(CitadelTestKit.config(db).values());
  }

  /** The kit's configuration with the database section adjusted by {@code customize}. */
  public static CitadelConfig citadel(TestDatabase db, UnaryOperator<DatabaseConfig.Builder> customize) {
    CitadelConfig config = citadel(db);
    return config.toBuilder().database(customize.apply(config.database().toBuilder()).build()).build();
  }
}
