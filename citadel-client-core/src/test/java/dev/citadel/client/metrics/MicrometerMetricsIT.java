package dev.citadel.client.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.QueryException;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CitadelTestKitExtension.class)
class MicrometerMetricsIT {

  @Test
  void callsBreakersAndPoolsAreMeteredAndRemovedOnClose(TestDatabase testDb) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Database db = Database.create(TestConfigs.citadel(testDb), MicrometerMetrics.create(registry))) {
      for (int i = 0; i < 5; i++) {
        db.queryOne("SELECT 1", RowMapper.column(Integer.class));
      }
      assertThatThrownBy(() -> db.query("SELECT * FROM no_such_table", RowMapper.column(Integer.class)))
          .isInstanceOf(QueryException.class);

      Timer ok = registry.find("citadel.calls").tags("client", "test", "backend", "postgres-pooled",
          "operation", "query", "outcome", "success").timer();
      Timer failed = registry.find("citadel.calls").tags("client", "test", "backend", "postgres-pooled",
          "operation", "query", "outcome", "failure").timer();
      assertThat(ok).isNotNull();
      assertThat(ok.count()).isEqualTo(5);
      assertThat(failed).isNotNull();
      assertThat(failed.count()).isEqualTo(1);
      assertThat(registry.find("citadel.breaker.state").tag("backend", "postgres-pooled").gauge().value()).isZero();
      assertThat(registry.find("hikaricp.connections.max").tag("pool", "test-postgres-pooled").gauge().value())
          .isEqualTo(10.0);
    }
    assertThat(registry.find("citadel.breaker.state").gauges()).isEmpty();
    assertThat(registry.find("citadel.calls").timers()).isEmpty();
    assertThat(registry.find("hikaricp.connections").gauges()).isEmpty();
  }
}
