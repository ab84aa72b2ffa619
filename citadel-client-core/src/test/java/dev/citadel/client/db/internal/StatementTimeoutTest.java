package dev.citadel.client.db.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatementTimeoutTest {

  @Test
  void theServerEnforcesItOutsideTransactionPoolers() {
    StatementTimeout timeout = StatementTimeout.of(Duration.ofMillis(1500), false);
    assertThat(timeout.connectionInitSql()).isEqualTo("SET statement_timeout = 1500");
    assertThat(timeout.queryTimeoutSeconds()).isZero();
  }

  @Test
  void behindATransactionPoolerEachStatementIsCancelledFromTheClientInWholeSeconds() {
    assertThat(StatementTimeout.of(Duration.ofMillis(1500), true))
        .isEqualTo(new StatementTimeout(null, 2));
    assertThat(StatementTimeout.of(Duration.ofMillis(1), true).queryTimeoutSeconds()).isEqualTo(1);
  }

  @Test
  void zeroDisablesItEverywhere() {
    assertThat(StatementTimeout.of(Duration.ZERO, false)).isEqualTo(new StatementTimeout(null, 0));
    assertThat(StatementTimeout.of(Duration.ZERO, true)).isEqualTo(new StatementTimeout(null, 0));
  }
}
