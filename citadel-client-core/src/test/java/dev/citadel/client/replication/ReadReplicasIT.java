package dev.citadel.client.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.QueryException;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.Endpoint;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.SqlClient;
import dev.citadel.client.db.WalPosition;
import dev.citadel.client.health.HealthCheck;
import dev.citadel.client.metrics.MicrometerMetrics;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.DedicatedPostgres;
import dev.citadel.client.testkit.ReplicatedPostgres;
import dev.citadel.client.testkit.TestDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The read endpoint and read-your-writes on a real streaming replica (the test kit's primary and
 * one hot standby): reads go to the replica, routed per model and read-only; a caller that asks
 * to see its write sees it, after waiting for the replica or from the primary, never stale.
 */
class ReadReplicasIT {
  /** A read row and whether the server that answered was a replica. */
  record Seen(String value, boolean fromReplica) {}

  private static final RowMapper<Seen> SEEN = rs -> new Seen(rs.getString(1), rs.getBoolean(2));

  private static ReplicatedPostgres pg;
  private static DedicatedPostgres replica;
  private static TestDatabase testDb;
  private static SimpleMeterRegistry registry;
  private static Database db;

  @BeforeAll
  static void start() {
    pg = ReplicatedPostgres.start(1);
    replica = pg.replicas().get(0);
    testDb = pg.createDatabase();
    registry = new SimpleMeterRegistry();
    CitadelConfig config = CitadelConfig.fromValues(CitadelTestKit.config(pg.database(testDb))
        .with("database.replica_wait_timeout", "300ms").values());
    db = Database.create(config, MicrometerMetrics.create(registry));
    db.migrate();
    db.update("CREATE TABLE notes (id bigserial PRIMARY KEY, body text NOT NULL)");
    db.forModel("mixtral").update("INSERT INTO usage_statistics (request_id, prompt_tokens) VALUES ('r-1', 7)");
    pg.awaitReplicasCaughtUp();
  }

  @AfterAll
  static void stop() {
    if (db != null) {
      db.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void readsGoToTheReplicaRoutedPerModelAndWritesToThePrimary() {
    assertThat(db.queryOne("SELECT pg_is_in_recovery()", RowMapper.column(Boolean.class))).isFalse();
    assertThat(db.reads().queryOne("SELECT pg_is_in_recovery()", RowMapper.column(Boolean.class))).isTrue();
    assertThat(db.reads().queryOne("SELECT inet_server_port()", RowMapper.column(Integer.class)))
        .isEqualTo(replica.port());
    SqlClient mixtralReads = db.forModel("mixtral").reads();
    assertThat(mixtralReads.endpoint()).isEqualTo(Endpoint.READ);
    assertThat(mixtralReads.queryOne("SELECT prompt_tokens FROM usage_statistics WHERE request_id = 'r-1'",
        RowMapper.column(Integer.class))).isEqualTo(7);
    String schema = mixtralReads.inTransaction(tx -> tx.queryOne("SELECT current_schema()", RowMapper.column(String.class)));
    assertThat(schema).isEqualTo("mixtral");
    assertThat(db.on(Endpoint.READ)).isSameAs(db.reads());
  }

  @Test
  void theReadEndpointRefusesWritesInStatementsAndTransactions() {
    assertThatThrownBy(() -> db.reads().update("INSERT INTO notes (body) VALUES ('x')"))
        .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.sqlState()).isEqualTo("25006"));
    assertThatThrownBy(() -> db.reads().inTransaction(tx -> tx.update("INSERT INTO notes (body) VALUES ('x')")))
        .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.sqlState()).isEqualTo("25006"));
    String readOnly = db.reads().inTransaction(tx -> tx.queryOne("SHOW transaction_read_only", RowMapper.column(String.class)));
    assertThat(readOnly).isEqualTo("on");
  }

  @Test
  void aReadAfterAWriteSeesItFromThePrimaryWhileTheReplicaStaysBehind() {
    pg.pauseReplay(replica);
    try {
      long id = db.queryOne("INSERT INTO notes (body) VALUES ('while paused') RETURNING id", RowMapper.column(Long.class));
      WalPosition written = db.writePosition();

      Optional<Seen> stale = db.reads().queryOptional(
          "SELECT body, pg_is_in_recovery() FROM notes WHERE id = ?", SEEN, id);
      assertThat(stale).as("the replica really lags: a plain read does not see the row").isEmpty();

      long t0 = System.nanoTime();
      Seen seen = db.reads(written).queryOne("SELECT body, pg_is_in_recovery() FROM notes WHERE id = ?", SEEN, id);
      long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertThat(seen).isEqualTo(new Seen("while paused", false));
      assertThat(waitedMs).as("waited the bound, then read the primary").isBetween(250L, 5_000L);
      Seen inTransaction = db.reads(written).inTransaction(tx ->
          tx.queryOne("SELECT body, pg_is_in_recovery() FROM notes WHERE id = ?", SEEN, id));
      assertThat(inTransaction).isEqualTo(new Seen("while paused", false));
      assertThatThrownBy(() -> db.reads(written).update("INSERT INTO notes (body) VALUES ('x')"))
          .as("the primary fallback is read-only too")
          .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.sqlState()).isEqualTo("25006"));
      assertThat(registry.find("citadel.calls").tag("backend", "postgres-read")
          .tag("operation", "replica_fallback").timer()).isNotNull();
    } finally {
      pg.resumeReplay(replica);
    }
  }

  @Test
  void aReadAfterAWriteWaitsForTheReplicaToReplayIt() throws Exception {
    CitadelConfig patient = CitadelConfig.fromValues(CitadelTestKit.config(pg.database(testDb))
        .with("database.replica_wait_timeout", "20s").values());
    try (Database waiting = Database.create(patient)) {
      pg.pauseReplay(replica);
      CompletableFuture<Seen> read;
      long id;
      try {
        id = waiting.queryOne("INSERT INTO notes (body) VALUES ('replayed') RETURNING id", RowMapper.column(Long.class));
        WalPosition written = waiting.writePosition();
        read = CompletableFuture.supplyAsync(() -> waiting.reads(written).queryOne(
            "SELECT body, pg_is_in_recovery() FROM notes WHERE id = ?", SEEN, id));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
            .until(() -> !read.isDone());
      } finally {
        pg.resumeReplay(replica);
      }
      assertThat(read.get(20, TimeUnit.SECONDS)).as("served by the replica once it replayed the write")
          .isEqualTo(new Seen("replayed", true));
    }
  }

  @Test
  void readsAfterWritesAreNeverStaleUnderLoad() {
    int fromReplica = 0;
    for (int i = 0; i < 100; i++) {
      long id = db.queryOne("INSERT INTO notes (body) VALUES (?) RETURNING id", RowMapper.column(Long.class), "n" + i);
      Seen seen = db.reads(db.writePosition())
          .queryOne("SELECT body, pg_is_in_recovery() FROM notes WHERE id = ?", SEEN, id);
      assertThat(seen.value()).isEqualTo("n" + i);
      fromReplica += seen.fromReplica() ? 1 : 0;
    }
    System.out.printf("read-your-writes: %d of 100 reads served by the replica, the rest by the primary%n", fromReplica);
    Timer waits = registry.find("citadel.calls").tag("operation", "replica_wait").timer();
    assertThat(waits).isNotNull();
  }

  @Test
  void healthAndMetricsReportTheReplicationAndItsLag() {
    db.reads().queryOne("SELECT 1", RowMapper.column(Integer.class));
    HealthCheck replication = db.health().checks().stream()
        .filter(c -> c.name().equals("postgres.replication")).findFirst().orElseThrow();
    assertThat(replication.isUp()).as(replication.toString()).isTrue();
    assertThat(replication.attributes()).containsEntry("primary", "127.0.0.1:" + pg.primary().port())
        .containsEntry("replicas_streaming", 1)
        .containsEntry("read_server", "127.0.0.1:" + replica.port());
    assertThat(db.health().checks()).extracting(HealthCheck::name).contains("postgres.read", "pool.read");

    Gauge lag = registry.find("citadel.replica.lag").tag("backend", "postgres-read").gauge();
    assertThat(lag).isNotNull();
    await().atMost(Duration.ofSeconds(10)).until(() -> !Double.isNaN(lag.value()));
    assertThat(lag.value()).isGreaterThanOrEqualTo(0.0);
  }
}
