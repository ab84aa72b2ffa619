package dev.citadel.doctor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.MigrationConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.config.QdrantConfig;
import dev.citadel.client.config.RedisConfig;
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
                .connectionTimeout(Duration.ofMillis(700)).build())
            .migrations(MigrationConfig.builder().runOnStart(true).build())
            .build())
        .redis(RedisConfig.builder().connectTimeout(Duration.ofSeconds(10)).commandTimeout(Duration.ofSeconds(2))
            .build())
        .qdrant(QdrantConfig.builder().timeout(Duration.ofSeconds(30)).build())
        .build();

    CitadelConfig bounded = DoctorConfig.bounded(config, Duration.ofSeconds(20));

    DatabaseConfig db = bounded.database();
    assertThat(db.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(db.pool().connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(db.pool().minConnections()).isZero();
    assertThat(db.pool().maxConnections()).isEqualTo(20);
    assertThat(db.directPool().connectionTimeout()).as("a shorter configured wait is kept")
        .isEqualTo(Duration.ofMillis(700));
    assertThat(db.directPool().minConnections()).isZero();
    assertThat(db.migrations().runOnStart()).isFalse();
    assertThat(db.models()).isEqualTo(config.database().models());
    assertThat(db.password()).isEqualTo(config.database().password());
    assertThat(bounded.redis().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(bounded.redis().commandTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(bounded.qdrant().timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(bounded.resilience().maxAttempts()).isEqualTo(1);
    assertThat(bounded.resilience().failureThreshold()).isEqualTo(config.resilience().failureThreshold());
  }

  @Test
  void sectionsThatAreAbsentStayAbsent() {
    CitadelConfig config = CitadelConfig.builder()
        .database(DatabaseConfig.builder().database("citadel").user("app").build()).build();

    CitadelConfig bounded = DoctorConfig.bounded(config, Duration.ofSeconds(20));

    assertThat(bounded.redisSection()).isEmpty();
    assertThat(bounded.qdrantSection()).isEmpty();
  }
}
