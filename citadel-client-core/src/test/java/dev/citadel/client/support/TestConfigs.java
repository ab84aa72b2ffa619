package dev.citadel.client.support;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.config.ResilienceConfig;
import dev.citadel.client.testkit.TestDatabase;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** Configs pointing at a test kit database, with fast timeouts so failures show quickly. */
public final class TestConfigs {
  private TestConfigs() {}

  public static DatabaseConfig.Builder database(TestDatabase db) {
    return DatabaseConfig.builder()
        .host(db.host())
        .port(db.port())
        .database(db.name())
        .user(db.username())
        .password(db.password())
        .pool(PoolConfig.builder().minConnections(0).maxConnections(10)
            .connectionTimeout(Duration.ofSeconds(10)).build());
  }

  public static CitadelConfig citadel(TestDatabase db) {
    return citadel(db, b -> b);
  }

  public static CitadelConfig citadel(TestDatabase db, UnaryOperator<DatabaseConfig.Builder> customize) {
    return CitadelConfig.builder()
        .clientName("test")
        .database(customize.apply(database(db)).build())
        .resilience(ResilienceConfig.builder().initialDelay(Duration.ofMillis(20))
            .maxDelay(Duration.ofMillis(200)).build())
        .build();
  }
}
