package dev.citadel.client.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.config.AuditConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.ConfigValues;
import dev.citadel.client.testkit.TcpProxy;
import dev.citadel.client.testkit.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process accepts events while PostgreSQL is unreachable, spills them, and is killed with
 * SIGKILL. The next process replays the spill file: every event once. Then the same spill file
 * is put back, as if the crash had come after the replay's commits but before its
 * acknowledgements reached the disk: replaying again must add nothing. And a process that exits
 * (System.exit) without closing its log still writes the events it held in memory.
 */
@ExtendWith(CitadelTestKitExtension.class)
class AuditCrashRecoveryIT {
  private static final int EVENTS = 5_000;
  private static final String CHAIN = "crash";
  private static final String EXIT_CHAIN = "exit";

  @TempDir Path spill;
  @TempDir Path backup;
  @TempDir Path logs;

  static AuditEvent event(int i) {
    return AuditEvent.builder().service("crashing-service").action("model.infer").model("deepseek")
        .outcome(AuditOutcome.SUCCESS).requestId("crash/" + i).details("{\"i\": " + i + "}").build();
  }

  @Test
  void aSpillLeftByAKilledProcessIsReplayedOnceEvenTwice(TestDatabase testDb) throws Exception {
    // The child and the replaying process use the same endpoint (the spill is bound to it): a
    // proxy that refuses connections while the child runs.
    try (TcpProxy proxy = TcpProxy.start(testDb.host(), testDb.port());
        Database db = AuditTestSupport.migratedDatabase(testDb)) {
      proxy.cut();
      Process child = startChild(proxy.database(testDb), EVENTS, "spill", Map.of());
      String line;
      try {
        line = awaitLine(child, "SPILLED", Duration.ofSeconds(120));
      } finally {
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
      }
      assertThat(line).isEqualTo("SPILLED " + EVENTS + " ACCEPTED " + EVENTS + " WRITTEN 0");
      assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
      assertThat(AuditTestSupport.rows(db, CHAIN)).isZero();
      Path chainDir = spill.resolve(CHAIN);
      copyTree(chainDir, backup);

      proxy.restore();
      AuditConfig config = AuditTestSupport.config(CHAIN, spill).build();
      Database viaProxy = Database.create(TestConfigs.citadel(proxy.database(testDb)));
      AuditStats first = replay(viaProxy, config);
      assertThat(first.replayed()).isEqualTo(EVENTS);
      assertThat(first.written()).isEqualTo(EVENTS);
      assertThat(first.duplicatesSkipped()).isZero();
      assertStoredOnceInOrder(db);

      // The crash again, later: after the commits, before the acknowledgements hit the disk.
      deleteTree(chainDir);
      copyTree(backup, chainDir);
      AuditStats second = replay(viaProxy, config);
      viaProxy.close();
      assertThat(second.replayed()).isEqualTo(EVENTS);
      assertThat(second.written()).isZero();
      assertThat(second.duplicatesSkipped()).isEqualTo(EVENTS);
      assertStoredOnceInOrder(db);

      VerificationResult verified = AuditVerifier.create(db)
          .verify(CHAIN, Instant.now().minus(Duration.ofHours(1)), Instant.now().plusSeconds(60));
      assertThat(verified.intact()).as("%s", verified.violation()).isTrue();
    }
  }

  @Test
  void aJvmExitWithoutCloseStillWritesTheBufferedEvents(TestDatabase testDb) throws Exception {
    int events = 1_000;
    try (Database db = AuditTestSupport.migratedDatabase(testDb)) {
      // Batches larger than the events and an hour between flushes: everything waits in memory.
      Process child = startChild(testDb, events, "exit",
          Map.of("CITADEL_AUDIT_CHAIN_ID", EXIT_CHAIN, "CITADEL_AUDIT_BATCH_SIZE", "5000",
              "CITADEL_AUDIT_FLUSH_INTERVAL", "1h"));
      String line = awaitLine(child, "RECORDED", Duration.ofSeconds(120));
      assertThat(line).isEqualTo("RECORDED " + events + " IN MEMORY " + events);
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child exits").isTrue();
      assertThat(child.exitValue()).isZero();
      // The hook wrote them, or spilled them if PostgreSQL was slow to answer: either way the
      // next writer of the chain finds nothing missing.
      replay(db, AuditTestSupport.config(EXIT_CHAIN, spill).build());
      assertThat(AuditTestSupport.rows(db, EXIT_CHAIN))
          .as("stored; the child's log:%n%s", Files.readString(logs.resolve("child-exit.log")))
          .isEqualTo(events);
    }
  }

  private static AuditStats replay(Database db, AuditConfig config) {
    try (AuditLog log = AuditLog.create(db, config)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> log.stats().pendingInSpill() == 0);
      return log.stats();
    }
  }

  private static void assertStoredOnceInOrder(Database db) {
    List<String> stored = db.query("SELECT request_id FROM audit.logs WHERE chain_id = ? ORDER BY seq",
        RowMapper.column(String.class), CHAIN);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      expected.add("crash/" + i);
    }
    assertThat(stored).containsExactlyElementsOf(expected);
  }

  private Process startChild(ConfigValues database, int events, String mode,
      Map<String, String> audit) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        AuditCrashChild.class.getName(), String.valueOf(events), mode);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("CITADEL_") || k.startsWith("POSTGRES_"));
    env.putAll(TestConfigs.environment(database));
    env.put("CITADEL_DATABASE_CONNECT_TIMEOUT", "1s");
    env.put("CITADEL_DATABASE_POOL_MIN_CONNECTIONS", "0");
    env.put("CITADEL_DATABASE_POOL_WAIT_TIMEOUT", "500ms");
    env.put("CITADEL_AUDIT_CHAIN_ID", CHAIN);
    env.put("CITADEL_AUDIT_SPILL_DIRECTORY", spill.toString());
    env.putAll(audit);
    pb.redirectError(logs.resolve("child-" + mode + ".log").toFile());
    return pb.start();
  }

  /** Reads the child's stdout until a line starting with {@code prefix}, or fails after {@code timeout}. */
  private static String awaitLine(Process child, String prefix, Duration timeout) throws InterruptedException {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l = in.readLine(); l != null; l = in.readLine()) {
          lines.add(l);
        }
      } catch (IOException e) {
        lines.add("READ FAILED " + e);
      }
      lines.add("EOF");
    });
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String l = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (l == null) {
        throw new AssertionError("the child printed no " + prefix + " line within " + timeout);
      }
      if (l.startsWith(prefix)) {
        return l;
      }
      if (l.equals("EOF")) {
        boolean exited = child.waitFor(30, TimeUnit.SECONDS);
        throw new AssertionError("the child closed its output (" + (exited ? "exit " + child.exitValue() : "still running")
            + ") before printing " + prefix + "; its log is in the test's temporary directory");
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.delete(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
