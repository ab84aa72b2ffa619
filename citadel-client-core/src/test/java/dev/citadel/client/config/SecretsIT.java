package dev.citadel.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.citadel.client.QueryException;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.health.HealthReport;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Passwords never reach logs, exception messages or toString(), on the success path and on an
 * authentication failure. Logs are captured from System.err, where slf4j-simple writes.
 */
@ExtendWith(CitadelTestKitExtension.class)
class SecretsIT {
  private static final String WRONG_PASSWORD = "wr0ng-Pa55-7f3c9e1d";
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void captureLogs() {
    originalErr = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreLogs() {
    System.setErr(originalErr);
  }

  @Test
  void wrongPasswordFailsTypedWithoutEchoingAnySecret(TestDatabase testDb) {
    CitadelConfig config = TestConfigs.citadel(testDb, b -> b.password(WRONG_PASSWORD)
        .pool(PoolConfig.builder().minConnections(0).waitTimeout(Duration.ofSeconds(1)).build())
        .directPool(PoolConfig.builder().minConnections(0).maxConnections(2)
            .waitTimeout(Duration.ofSeconds(1)).build()));
    String everything;
    try (Database db = Database.create(config)) {
      Throwable failure = catchThrowable(() -> db.queryOne("SELECT 1", RowMapper.column(Integer.class)));
      assertThat(failure).isInstanceOf(QueryException.class);
      assertThat(((QueryException) failure).sqlState()).isEqualTo("28P01");
      HealthReport report = db.health();
      assertThat(report.healthy()).isFalse();
      everything = describe(failure) + report + report.toMap() + config + db;
    }
    assertThat(everything).contains("password authentication failed");
    assertThat(everything).doesNotContain(WRONG_PASSWORD).doesNotContain(testDb.password());
    assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(WRONG_PASSWORD).doesNotContain(testDb.password());
  }

  @Test
  void successPathLogsNoSecret(TestDatabase testDb) {
    CitadelConfig config = TestConfigs.citadel(testDb);
    try (Database db = Database.create(config)) {
      db.migrate();
      assertThat(db.queryOne("SELECT 1", RowMapper.column(Integer.class))).isEqualTo(1);
      assertThat(db.health().toString() + config + db).doesNotContain(testDb.password());
    }
    String logged = log.toString(StandardCharsets.UTF_8);
    assertThat(logged).contains("pool test-postgres-pooled started");
    assertThat(logged).doesNotContain(testDb.password());
  }

  /** Every message, cause and suppressed exception in the chain. */
  private static String describe(Throwable t) {
    List<String> parts = new ArrayList<>();
    for (Throwable c = t; c != null; c = c.getCause()) {
      parts.add(c.toString());
      for (Throwable s : c.getSuppressed()) {
        parts.add(s.toString());
      }
    }
    return String.join("\n", parts);
  }
}
