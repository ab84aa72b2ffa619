package dev.citadel.doctor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.cache.config.RedisConfig;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.MigrationConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.vector.config.QdrantConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DoctorConfigTest {

  @Test
  void theConnectBoundIsAQuarterOfTheTimeoutBetweenOneAndFiveSeconds() {
    assertThat(DoctorConfig.connectBound(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(5));
    assertThat(DoctorConfig.connectBound(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(5));
    assertThat(DoctorConfig.connectBound(Duration.ofSeconds(8))).isEqualTo(Duration.ofSeconds(2));
    assertThat(DoctorConfig.connectBound(Duration.ofMillis(500))).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void waitsAreBoundedRetriesOffMigrationsNeverRunAndNothingElseChanges() {
    CitadelConfig config = CitadelConfig.builder()
        .database(DatabaseConfig.builder().database("citadel").user("app").password("pw")
            .connectTimeout(Duration.ofSeconds(30))
            .pool(PoolConfig.builder().minConnections(5).maxConnections(20).build())
            .directPool(PoolConfig.builder().minConnections(1).maxConnections(4)
                .waitTimeout(Duration.ofMillis(700)).build())
            .migrations(MigrationConfig.builder().runOnStart(true).build())
            .build())
        .section(RedisConfig.builder().connectTimeout(Duration.ofSeconds(10)).commandTimeout(Duration.ofSeconds(2))
            .build())
        .section(QdrantConfig.builder().callTimeout(Duration.ofSeconds(30)).build())
        .build();

    CitadelConfig bounded = DoctorConfig.bounded(config, Duration.ofSeconds(20));

    DatabaseConfig db = bounded.database();
    assertThat(db.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(db.statementTimeout()).as("the default 30 s, bounded").isEqualTo(Duration.ofSeconds(5));
    assertThat(db.socketTimeout()).as("a hung read fails within the bound too").isEqualTo(Duration.ofSeconds(6));
    assertThat(db.pool().waitTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(db.pool().minConnections()).isZero();
    assertThat(db.pool().maxConnections()).isEqualTo(20);
    assertThat(db.directPool().waitTimeout()).as("a shorter configured wait is kept")
        .isEqualTo(Duration.ofMillis(700));
    assertThat(db.directPool().minConnections()).isZero();
    assertThat(db.migrations().runOnStart()).isFalse();
    assertThat(db.models()).isEqualTo(config.database().models());
    assertThat(db.password()).isEqualTo(config.database().password());
    assertThat(bounded.section(RedisConfig.class).orElseThrow().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(bounded.section(RedisConfig.class).orElseThrow().commandTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(bounded.section(QdrantConfig.class).orElseThrow().callTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(bounded.resilience().maxAttempts()).isEqualTo(1);
    assertThat(bounded.resilience().failureThreshold()).isEqualTo(config.resilience().failureThreshold());
  }

  @Test
  void sectionsThatAreAbsentStayAbsent() {
    CitadelConfig config = CitadelConfig.builder()
        .database(DatabaseConfig.builder().database("citadel").user("app").build()).build();

    CitadelConfig bounded = DoctorConfig.bounded(config, Duration.ofSeconds(20));

    assertThat(bounded.section(RedisConfig.class)).isEmpty();
    assertThat(bounded.section(QdrantConfig.class)).isEmpty();
  }
}
