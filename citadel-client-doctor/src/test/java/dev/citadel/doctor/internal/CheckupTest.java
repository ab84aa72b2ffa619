package dev.citadel.doctor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.health.HealthCheck;
import dev.citadel.client.health.HealthStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckupTest {

  @Test
  void onlyAnUndeclaredTransactionPoolerFailsThePoolerLine() {
    HealthCheck detected = HealthCheck.up("postgres.pooler", "transaction pooler detected",
        Map.of("transaction_pooler", true, "declared", false), Duration.ZERO);
    HealthCheck failed = Checkup.undeclaredPoolerFails(detected);
    assertThat(failed.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(failed.detail()).isEqualTo(detected.detail());
    assertThat(failed.attributes()).isEqualTo(detected.attributes());

    HealthCheck declared = HealthCheck.up("postgres.pooler", "transaction pooler",
        Map.of("transaction_pooler", true, "declared", true), Duration.ZERO);
    HealthCheck none = HealthCheck.up("postgres.pooler", "no transaction pooler",
        Map.of("transaction_pooler", false, "declared", false), Duration.ZERO);
    HealthCheck other = HealthCheck.up("postgres.pooled", "PostgreSQL 17.6",
        Map.of("transaction_pooler", true, "declared", false), Duration.ZERO);
    assertThat(Checkup.undeclaredPoolerFails(declared)).isSameAs(declared);
    assertThat(Checkup.undeclaredPoolerFails(none)).isSameAs(none);
    assertThat(Checkup.undeclaredPoolerFails(other)).isSameAs(other);
  }
}
