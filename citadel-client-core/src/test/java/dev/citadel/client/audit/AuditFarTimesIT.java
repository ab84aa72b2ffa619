package dev.citadel.client.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.db.Database;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event times far from 1970 (the whole range {@link AuditEvent} accepts, years 1 to 9999) are
 * stored, read back to the microsecond and hashed like any other; more than about 292 years from
 * 1970 used to overflow a nanosecond count.
 */
@ExtendWith(CitadelTestKitExtension.class)
class AuditFarTimesIT {
  @TempDir static Path spill;
  private static Database db;

  @BeforeAll
  static void migrate(TestDatabase testDb) {
    db = AuditTestSupport.migratedDatabase(testDb);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void timesAcrossTheWholeAcceptedRangeRoundTrip() {
    List<Instant> times = List.of(
        Instant.parse("0001-01-01T00:00:00Z"),
        Instant.parse("1500-06-15T12:34:56.000001Z"),
        Instant.parse("2600-02-28T23:59:59.999999Z"),
        Instant.parse("9999-12-31T23:59:59.999999Z"));
    try (AuditLog log = AuditLog.create(db, AuditTestSupport.config("far", spill).build())) {
      for (Instant t : times) {
        log.record(AuditEvent.builder().time(t).service("archive").action("import.history")
            .outcome(AuditOutcome.SUCCESS).build());
      }
      log.flush();

      assertThat(log.query(AuditQuery.builder().actor("archive").build()).records())
          .extracting(r -> r.event().time())
          .as("newest first").containsExactly(times.get(3), times.get(2), times.get(1), times.get(0));
    }
    VerificationResult verified = AuditVerifier.create(db)
        .verify("far", Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999Z").plusNanos(1000));
    assertThat(verified.intact()).as("%s", verified.firstViolation()).isTrue();
    assertThat(verified.rowsChecked()).isEqualTo(times.size());
  }
}
