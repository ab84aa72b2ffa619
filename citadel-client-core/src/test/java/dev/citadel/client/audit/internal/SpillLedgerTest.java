package dev.citadel.client.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.audit.AuditEvent;
import dev.citadel.client.audit.AuditOutcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spill ledger: record counts and the acceptance numbers that committing spill records reports. */
class SpillLedgerTest {
  private static final AuditEvent EVENT =
      AuditEvent.builder().service("s").action("a").outcome(AuditOutcome.SUCCESS).build();

  private static List<Pending> accepted(long from, long to) {
    List<Pending> chunk = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      chunk.add(new Pending(EVENT, new byte[0], seq));
    }
    return chunk;
  }

  @Test
  void anEmptyLedgerHoldsNothing() {
    SpillLedger ledger = new SpillLedger(0);
    assertThat(ledger.records()).isZero();
    assertThat(ledger.appended(List.of())).isZero();
    assertThat(ledger.records()).isZero();
  }

  @Test
  void appendingReportsTheLargestAcceptanceNumberAndCounts() {
    SpillLedger ledger = new SpillLedger(0);
    assertThat(ledger.appended(accepted(1, 5))).isEqualTo(5);
    assertThat(ledger.appended(accepted(6, 8))).isEqualTo(8);
    assertThat(ledger.records()).isEqualTo(8);
  }

  @Test
  void removingTheOldestReportsTheirLargestAcceptanceNumberAcrossAppends() {
    SpillLedger ledger = new SpillLedger(0);
    ledger.appended(accepted(1, 5));
    ledger.appended(accepted(6, 8));
    ledger.appended(accepted(9, 20));
    assertThat(ledger.removeOldest(3)).isEqualTo(3);
    assertThat(ledger.removeOldest(4)).isEqualTo(7);
    assertThat(ledger.records()).isEqualTo(13);
    assertThat(ledger.removeOldest(13)).isEqualTo(20);
    assertThat(ledger.records()).isZero();
  }

  @Test
  void recordsOfAnEarlierRunCountButCarryNoAcceptanceNumber() {
    SpillLedger ledger = new SpillLedger(10);
    assertThat(ledger.records()).isEqualTo(10);
    ledger.appended(accepted(1, 4));
    assertThat(ledger.records()).isEqualTo(14);
    assertThat(ledger.removeOldest(6)).isZero();
    assertThat(ledger.records()).isEqualTo(8);
    // The rest of the earlier run's records and two of this run's in one batch.
    assertThat(ledger.removeOldest(6)).isEqualTo(2);
    assertThat(ledger.removeOldest(2)).isEqualTo(4);
    assertThat(ledger.records()).isZero();
  }

  @Test
  void aRecoveredCountBeyondAnIntIsKeptWhole() {
    long recovered = Integer.MAX_VALUE + 5L;
    SpillLedger ledger = new SpillLedger(recovered);
    ledger.appended(accepted(1, 1));
    assertThat(ledger.records()).isEqualTo(recovered + 1);
    assertThat(ledger.removeOldest(Integer.MAX_VALUE)).isZero();
    assertThat(ledger.removeOldest(5)).isZero();
    assertThat(ledger.removeOldest(1)).isEqualTo(1);
    assertThat(ledger.records()).isZero();
  }
}
