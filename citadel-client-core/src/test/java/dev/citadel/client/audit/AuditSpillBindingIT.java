package dev.citadel.client.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.audit.internal.SpillQueue;
import dev.citadel.client.config.AuditConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.PostgresServer;
import dev.citadel.client.testkit.TcpProxy;
import dev.citadel.client.testkit.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spill file belongs to the database and chain it was written for: another database sharing
 * the spill directory and chain id never replays it (it is set aside and counted), the database
 * it belongs to does; a spill file without a binding is never replayed.
 */
@ExtendWith(CitadelTestKitExtension.class)
class AuditSpillBindingIT {
  private static final String CHAIN = "bound";

  @TempDir Path spill;

  private static AuditEvent event(int i) {
    return AuditEvent.builder().service("binding-service").action("model.infer").outcome(AuditOutcome.SUCCESS)
        .requestId("bound/" + i).build();
  }

  private static List<String> stored(Database db) {
    return db.query("SELECT request_id FROM audit.logs WHERE chain_id = ? ORDER BY seq",
        RowMapper.column(String.class), CHAIN);
  }

  private static List<String> ids(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add("bound/" + i);
    }
    return out;
  }

  @Test
  void aSpillFileIsReplayedOnlyIntoTheDatabaseItWasWrittenFor(PostgresServer server, TestDatabase home)
      throws Exception {
    AuditConfig config = AuditTestSupport.config(CHAIN, spill).bufferCapacity(100).batchSize(10)
        .flushInterval(Duration.ofMillis(20)).build();
    try (TestDatabase other = server.createDatabase();
        TcpProxy proxy = TcpProxy.start(home.host(), home.port());
        Database homeDb = AuditTestSupport.migratedDatabase(home);
        Database otherDb = AuditTestSupport.migratedDatabase(other);
        Database homeViaProxy = Database.create(AuditTestSupport.fastFailing(proxy.database(home)))) {
      try (AuditLog log = AuditLog.create(homeViaProxy, config)) {
        log.record(event(0));
        log.flush(); // connected: the spill directory is bound to this database
        proxy.cut();
        for (int i = 1; i < 20; i++) {
          log.record(event(i));
        }
        log.flush(); // PostgreSQL unreachable: the 19 events are in the spill file
        assertThat(log.stats().pendingInSpill()).isEqualTo(19);
      }

      // The next run, against another database, with the same spill directory and chain id.
      try (AuditLog log = AuditLog.create(otherDb, config)) {
        log.record(event(100));
        log.flush();
        assertThat(log.stats().spillRecordsSetAside()).isEqualTo(19);
        assertThat(log.stats().replayed()).isZero();
      }
      assertThat(stored(otherDb)).as("no foreign event replayed").containsExactly("bound/100");
      Path setAside = setAsideDirectory(CHAIN);

      // Moved back, the files are replayed by a writer of the database they belong to.
      moveContents(setAside, spill.resolve(CHAIN));
      try (AuditLog log = AuditLog.create(homeDb, config)) {
        await().atMost(Duration.ofSeconds(60)).until(() -> log.stats().pendingInSpill() == 0);
        assertThat(log.stats().replayed()).isEqualTo(19);
        assertThat(log.stats().spillRecordsSetAside()).isZero();
      }
      assertThat(stored(homeDb)).containsExactlyElementsOf(ids(0, 20));
    }
  }

  @Test
  void aSpillFileWithoutBindingIsNeverReplayed(TestDatabase testDb) throws IOException {
    // What an older version left: records, no binding file.
    try (SpillQueue old = SpillQueue.open(spill.resolve("unbound"), 1 << 20)) {
      old.append(List.of(new byte[] {1, 2, 3}, new byte[] {4, 5, 6}));
    }
    try (Database db = AuditTestSupport.migratedDatabase(testDb);
        AuditLog log = AuditLog.create(db, AuditTestSupport.config("unbound", spill).build())) {
      assertThat(log.stats().spillRecordsSetAside()).isEqualTo(2);
      assertThat(log.stats().pendingInSpill()).isZero();
      log.record(event(1));
      log.flush();
      assertThat(AuditTestSupport.rows(db, "unbound")).isEqualTo(1);
    }
    assertThat(setAsideDirectory("unbound")).isDirectory();
  }

  private Path setAsideDirectory(String chain) throws IOException {
    try (Stream<Path> files = Files.list(spill.resolve(chain))) {
      List<Path> found = files.filter(f -> f.getFileName().toString().startsWith("set-aside-")).toList();
      assertThat(found).hasSize(1);
      return found.get(0);
    }
  }

  private static void moveContents(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.move(f, to.resolve(f.getFileName()));
      }
    }
    Files.delete(from);
  }
}
