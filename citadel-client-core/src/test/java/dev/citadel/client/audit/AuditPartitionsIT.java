package dev.citadel.client.audit;

import dev.citadel.client.paging.Page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.QueryException;
import dev.citadel.client.config.AuditConfig;
import dev.citadel.client.config.AuditRetentionAction;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.PostgresServer;
import dev.citadel.client.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Monthly partitions: months without one still store events; retention removes only old ones. */
@ExtendWith(CitadelTestKitExtension.class)
class AuditPartitionsIT {
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

  private static String partitionOf(UUID id) {
    return db.queryOne("SELECT tableoid::regclass::text FROM audit.logs WHERE id = ?", RowMapper.column(String.class), id);
  }

  @Test
  void anEventForAMonthWithoutPartitionIsStoredAndMovesIntoItsPartitionLater() {
    UUID future = UUID.randomUUID();
    UUID past = UUID.randomUUID();
    try (AuditLog log = AuditLog.create(db, AuditTestSupport.config("months", spill).build())) {
      assertThat(log.partitions().months()).doesNotContain(YearMonth.of(2031, 7), YearMonth.of(2019, 3));
      log.record(AuditEvent.builder().id(future).time(Instant.parse("2031-07-15T12:00:00Z")).user("dora")
          .action("schedule.create").outcome(AuditOutcome.SUCCESS).build());
      log.record(AuditEvent.builder().id(past).time(Instant.parse("2019-03-01T00:00:00Z")).user("dora")
          .action("import.backfill").outcome(AuditOutcome.SUCCESS).build());
      log.flush();

      assertThat(partitionOf(future)).isEqualTo("audit.logs_default");
      assertThat(partitionOf(past)).isEqualTo("audit.logs_default");
      assertThat(log.query(AuditQuery.builder().actor("dora").build()).items())
          .extracting(r -> r.event().id()).containsExactly(future, past);

      assertThat(log.partitions().ensure(YearMonth.of(2031, 7))).isEqualTo("logs_2031_07");
      assertThat(partitionOf(future)).isEqualTo("audit.logs_2031_07");
      // Maintenance gives every month waiting in the default partition its own partition.
      AuditMaintenance done = log.partitions().maintain();
      assertThat(done.ensured()).contains(YearMonth.of(2019, 3));
      assertThat(done.removed()).isEmpty();
      assertThat(partitionOf(past)).isEqualTo("audit.logs_2019_03");
      assertThat(log.partitions().rowsInDefaultPartition()).isZero();
      assertThat(db.queryOne("SELECT count(*) FROM audit.logs WHERE actor = 'dora'", RowMapper.column(Long.class)))
          .isEqualTo(2L);
    }
    assertThat(AuditVerifier.create(db).verify("months", Instant.parse("2019-01-01T00:00:00Z"),
        Instant.parse("2032-01-01T00:00:00Z")).intact()).isTrue();
  }

  @Test
  void maintenanceCreatesMonthsAheadAndRetentionDetachesOnlyOldPartitions() {
    // A "current" month long ago keeps this test away from the partitions other tests use.
    YearMonth current = YearMonth.of(2001, 6);
    AuditPartitions partitions = AuditPartitions.create(db, AuditTestSupport.config("retention", spill)
        .partitionMonthsAhead(2).retentionMonths(3).retentionAction(AuditRetentionAction.DETACH).build());
    for (YearMonth m = YearMonth.of(2000, 11); m.isBefore(current); m = m.plusMonths(1)) {
      partitions.ensure(m);
    }
    UUID old = UUID.randomUUID();
    UUID kept = UUID.randomUUID();
    db.update("INSERT INTO audit.logs (event_time, id, chain_id, seq, actor, actor_type, action, outcome,"
        + " prev_hash, hash) VALUES (?, ?, 'retention', 1, 'x', 'user', 'a', 'success', sha256(''::bytea), sha256(''::bytea)),"
        + " (?, ?, 'retention', 2, 'x', 'user', 'a', 'success', sha256(''::bytea), sha256(''::bytea))",
        Instant.parse("2000-12-15T00:00:00Z"), old, Instant.parse("2001-04-10T00:00:00Z"), kept);
    List<YearMonth> before = partitions.months();

    AuditMaintenance done = partitions.maintain(current);

    // Earlier months (another test's, in 1995) may go too; none from the cutoff on.
    assertThat(done.removed()).filteredOn(m -> m.getYear() >= 2000).containsExactly(YearMonth.of(2000, 11),
        YearMonth.of(2000, 12), YearMonth.of(2001, 1), YearMonth.of(2001, 2));
    assertThat(done.ensured()).containsExactly(YearMonth.of(2001, 6), YearMonth.of(2001, 7), YearMonth.of(2001, 8));
    List<YearMonth> after = partitions.months();
    assertThat(after).doesNotContainAnyElementsOf(done.removed())
        .contains(YearMonth.of(2001, 3), YearMonth.of(2001, 4), YearMonth.of(2001, 5),
            YearMonth.of(2001, 6), YearMonth.of(2001, 7), YearMonth.of(2001, 8));
    assertThat(after.stream().filter(m -> m.isAfter(YearMonth.of(2001, 8))).toList())
        .as("partitions of other months untouched")
        .isEqualTo(before.stream().filter(m -> m.isAfter(YearMonth.of(2001, 8))).toList());
    assertThat(db.query("SELECT id FROM audit.logs WHERE chain_id = 'retention'", RowMapper.column(UUID.class)))
        .containsExactly(kept);
    // Detached, not dropped: the rows are still in the database for archiving.
    assertThat(db.queryOne("SELECT count(*) FROM audit.logs_2000_12_detached WHERE id = ?", RowMapper.column(Long.class), old))
        .isEqualTo(1L);
    // Running it again changes nothing.
    assertThat(partitions.maintain(current).removed()).isEmpty();
  }

  @Test
  void retentionCanDropPartitions() {
    YearMonth current = YearMonth.of(1995, 6);
    AuditPartitions partitions = AuditPartitions.create(db, AuditTestSupport.config("drop", spill)
        .partitionMonthsAhead(0).retentionMonths(1).retentionAction(AuditRetentionAction.DROP).build());
    partitions.ensure(YearMonth.of(1995, 3));
    partitions.ensure(YearMonth.of(1995, 5));

    assertThat(partitions.maintain(current).removed()).containsExactly(YearMonth.of(1995, 3));
    assertThat(partitions.months()).contains(YearMonth.of(1995, 5), YearMonth.of(1995, 6)).doesNotContain(YearMonth.of(1995, 3));
    assertThat(db.queryOne("SELECT to_regclass('audit.logs_1995_03') IS NULL AND to_regclass('audit.logs_1995_03_detached') IS NULL",
        RowMapper.column(Boolean.class))).isTrue();
  }

  @Test
  void maintenanceGivesWayToALongReaderInsteadOfStallingWrites(PostgresServer server) throws Exception {
    ExecutorService maintenanceThread = Executors.newSingleThreadExecutor();
    try (TestDatabase own = server.createDatabase();
        Database ownDb = AuditTestSupport.migratedDatabase(own);
        AuditLog log = AuditLog.create(ownDb, AuditTestSupport.config("reader", spill).build())) {
      AuditPartitions retention = AuditPartitions.create(ownDb, AuditConfig.builder().retentionMonths(24).build());
      retention.ensure(YearMonth.of(2019, 1)); // a month retention detaches
      log.record(event("before"));
      log.flush(); // the writer's own maintenance at start is done

      try (Connection reader = DriverManager.getConnection(own.jdbcUrl(), own.username(), own.password())) {
        reader.setAutoCommit(false);
        try (Statement st = reader.createStatement()) {
          st.executeQuery("SELECT count(*) FROM audit.logs").close(); // holds a lock on every partition
        }
        Future<AuditMaintenance> maintenance = maintenanceThread.submit(() -> retention.maintain());
        // Until the detach gives up, it waits for the reader, and writers would queue behind it.
        await().atMost(Duration.ofSeconds(20)).until(() -> maintenance.isDone() || waitingForLocks(ownDb) > 0);
        for (int i = 0; i < 10; i++) {
          log.record(event("during/" + i));
        }
        log.flush(Duration.ofSeconds(20));
        assertThat(rows(ownDb, "during/%")).as("written while the reader holds its lock").isEqualTo(10);
        assertThatThrownBy(() -> maintenance.get(20, TimeUnit.SECONDS))
            .hasCauseInstanceOf(QueryException.class)
            .satisfies(e -> assertThat(((QueryException) e.getCause()).sqlState()).isEqualTo("55P03"));
        assertThat(retention.months()).as("nothing detached yet").contains(YearMonth.of(2019, 1));
        reader.commit();
      }
      assertThat(retention.maintain().removed()).containsExactly(YearMonth.of(2019, 1));
    } finally {
      maintenanceThread.shutdownNow();
    }
  }

  private static AuditEvent event(String request) {
    return AuditEvent.builder().service("reader-test").action("model.infer").outcome(AuditOutcome.SUCCESS)
        .requestId(request).build();
  }

  private static long rows(Database db, String requestPattern) {
    return db.queryOne("SELECT count(*) FROM audit.logs WHERE request_id LIKE ?", RowMapper.column(Long.class),
        requestPattern);
  }

  private static long waitingForLocks(Database db) {
    return db.queryOne("SELECT count(*) FROM pg_locks WHERE NOT granted", RowMapper.column(Long.class));
  }
}
