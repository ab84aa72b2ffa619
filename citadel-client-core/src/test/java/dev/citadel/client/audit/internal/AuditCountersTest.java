package dev.citadel.client.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.audit.AuditStats;
import org.junit.jupiter.api.Test;

/** The writer's counters and the stats snapshot made of them. */
class AuditCountersTest {

  @Test
  void acceptanceNumbersCountFromOne() {
    AuditCounters counters = new AuditCounters();
    assertThat(counters.accepted()).isZero();
    assertThat(counters.accept()).isEqualTo(1);
    assertThat(counters.accept()).isEqualTo(2);
    assertThat(counters.accepted()).isEqualTo(2);
  }

  @Test
  void theSnapshotCarriesEveryCountAndTheStateGiven() {
    AuditCounters counters = new AuditCounters();
    for (int i = 0; i < 7; i++) {
      counters.accept();
    }
    counters.rejectOne();
    counters.spilled(4);
    counters.written(new ChainWriter.Outcome(5, 1));
    counters.written(new ChainWriter.Outcome(2, 0));
    counters.replayed(3);
    assertThat(counters.snapshot(2, 1, false, 0))
        .isEqualTo(new AuditStats(7, 7, 1, 4, 3, 1, 2, 1, false, 0));
  }
}
