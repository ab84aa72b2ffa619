package dev.citadel.client.poolers;

import static dev.citadel.client.db.RowMapper.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.QueryException;
import dev.citadel.client.audit.AuditEvent;
import dev.citadel.client.audit.AuditLog;
import dev.citadel.client.audit.AuditOutcome;
import dev.citadel.client.audit.AuditVerifier;
import dev.citadel.client.audit.VerificationResult;
import dev.citadel.client.config.AuditConfig;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.Endpoint;
import dev.citadel.client.db.Isolation;
import dev.citadel.client.db.SqlClient;
import dev.citadel.client.db.TransactionOptions;
import dev.citadel.client.health.HealthCheck;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.Pooler;
import dev.citadel.client.testkit.PostgresServer;
import dev.citadel.client.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's acceptance behaviour (model routing, transactions, conflict retries, the audit
 * writer) with the pooled endpoint behind one {@link PoolerTarget}: each concrete class runs this
 * same suite against PostgreSQL itself, PgBouncer (transaction and session pooling) or Pgpool-II.
 * Where the pooler's binary is missing the class is skipped with the package to install, and under
 * CI=true it fails instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PoolerAcceptanceSuite {
  private static final Logger LOG = LoggerFactory.getLogger(PoolerAcceptanceSuite.class);
  static final List<String> MODELS = List.of("mixtral", "hermes", "phi3");
  static final int CALLERS = 100;
  /** The client's pool: more connections than PgBouncer's server pool, fewer than the callers. */
  static final int CLIENT_CONNECTIONS = 40;

  private PostgresServer upstream;
  private Pooler pooler;
  private TestDatabase testDb;
  private Database db;
  private String defaultSearchPath;
  private String defaultIsolation;

  /** Where the pooled endpoint points. */
  protected abstract PoolerTarget target();

  /** How long the 100 callers run. */
  protected Duration loadDuration() {
    return Duration.ofSeconds(30);
  }

  @BeforeAll
  void startPoolerAndMigrate() {
    target().assumeInstalled();
    upstream = CitadelTestKit.postgres();
    testDb = upstream.createDatabase();
    pooler = target().start(upstream, Map.of());
    LOG.info("{}: pooled endpoint is {}", target(), pooler == null ? "PostgreSQL itself" : pooler);
    db = Database.create(config(b -> b));
    db.migrate();
    // The server's own defaults, read past any pooler: what every session must be back to.
    defaultSearchPath = db.direct().queryOne("SHOW search_path", column(String.class));
    defaultIsolation = db.direct().queryOne("SHOW default_transaction_isolation", column(String.class));
  }

  @AfterAll
  void stop() {
    if (db != null) {
      db.close();
    }
    if (pooler != null) {
      pooler.close();
    }
    if (testDb != null) {
      testDb.close();
    }
  }

  /** The running pooler, or null for {@link PoolerTarget#DIRECT}. */
  protected Pooler pooler() {
    return pooler;
  }

  /** The suite's database (its name and credentials). */
  protected TestDatabase testDatabase() {
    return testDb;
  }

  /**
   * The pooled endpoint's {@code postgres.pooler} health line says what is in front of PostgreSQL:
   * a transaction pooler only behind PgBouncer's transaction mode (declared there by the suite's
   * config); never for PostgreSQL itself, PgBouncer's session mode or Pgpool-II, whose connections
   * keep their server sessions and so keep the server-side statement timeout.
   */
  @Test
  void thePoolerLineSaysWhetherATransactionPoolerIsInFront() {
    db.queryOne("SELECT 1", column(Integer.class));
    HealthCheck line = db.health().check("postgres.pooler").orElseThrow();
    boolean transactionPooled = target() == PoolerTarget.PGBOUNCER_TRANSACTION;
    assertThat(line.isUp()).as(line.detail()).isTrue();
    assertThat(line.attributes()).containsEntry("transaction_pooler", transactionPooled)
        .containsEntry("declared", transactionPooled);
    try (Database other = newClient(b -> b.statementTimeout(Duration.ofSeconds(7)))) {
      String seen = other.queryOne("SHOW statement_timeout", column(String.class));
      if (transactionPooled) {
        assertThat(seen).as("no session SET behind a transaction pooler").isNotEqualTo("7s");
      } else {
        assertThat(seen).as("the server enforces it where sessions are bound").isEqualTo("7s");
      }
    }
  }

  /** Another client of the same database through the same target, customised. */
  protected Database newClient(UnaryOperator<DatabaseConfig.Builder> customize) {
    return Database.create(config(customize));
  }

  private CitadelConfig config(UnaryOperator<DatabaseConfig.Builder> customize) {
    return TestConfigs.citadel(target().route(testDb, pooler), b -> customize.apply(b
        .pool(PoolConfig.builder().minConnections(0).maxConnections(CLIENT_CONNECTIONS)
            .waitTimeout(Duration.ofSeconds(30)).build())));
  }

  /** Server sessions one client can hold at once: all the pooler has, or all of its own pool. */
  private int serverSessions() {
    return pooler == null ? CLIENT_CONNECTIONS : Math.min(CLIENT_CONNECTIONS, pooler.serverConnections());
  }

  /**
   * 100 callers on a pool of 40 alternate between three models for the load duration; each row
   * records the model that wrote it. No row may land in another model's schema, no statement may
   * fail (behind PgBouncer's transaction pooling, named prepared statements would fail with
   * "prepared statement does not exist"), and no session may keep a routed search_path: neither
   * unrouted statements during the load nor every server session afterwards.
   */
  @Test
  void hundredCallersOnThreeModelsNeverCrossSchemasNorLeaveSessionState() throws Exception {
    Map<String, LongAdder> inserted = new ConcurrentHashMap<>();
    MODELS.forEach(m -> inserted.put(m, new LongAdder()));
    Queue<String> violations = new ConcurrentLinkedQueue<>();
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    List<Future<?>> done = new ArrayList<>();
    long[] deadline = new long[1];
    for (int t = 0; t < CALLERS; t++) {
      int caller = t;
      done.add(callers.submit(() -> {
        go.await();
        for (int n = 0; System.nanoTime() < deadline[0]; n++) {
          String model = MODELS.get((caller + n) % MODELS.size());
          SqlClient routed = db.forModel(model);
          String requestId = caller + "/" + n;
          try {
            routed.update("INSERT INTO usage_statistics (request_id, model, prompt_tokens) VALUES (?, ?, ?)",
                requestId, model, n);
            inserted.get(model).increment();
            String readBack = routed.queryOne("SELECT model FROM usage_statistics WHERE request_id = ?",
                column(String.class), requestId);
            if (!model.equals(readBack)) {
              violations.add(model + " read back " + readBack + " for " + requestId);
            }
            if (n % 4 == 0) {
              String schema = routed.inTransaction(tx -> tx.queryOne("SELECT current_schema()", column(String.class)));
              if (!model.equals(schema)) {
                violations.add(model + " transaction ran in schema " + schema);
              }
            }
            if (n % 8 == 0) {
              String path = db.queryOne("SHOW search_path", column(String.class));
              if (!defaultSearchPath.equals(path)) {
                violations.add("an unrouted statement saw search_path " + path);
              }
            }
          } catch (RuntimeException e) {
            failures.add(e);
          }
        }
        return null;
      }));
    }
    deadline[0] = System.nanoTime() + loadDuration().toNanos();
    go.countDown();
    for (Future<?> f : done) {
      f.get(loadDuration().toSeconds() + 120, TimeUnit.SECONDS);
    }
    callers.shutdown();

    long total = inserted.values().stream().mapToLong(LongAdder::sum).sum();
    LOG.info("{}: {} callers stored {} rows in {} s ({} per second)", target(), CALLERS, total,
        loadDuration().toSeconds(), total / Math.max(1, loadDuration().toSeconds()));
    assertThat(failures).extracting(Throwable::toString)
        .noneMatch(m -> m.contains("prepared statement"))
        .isEmpty();
    assertThat(violations).isEmpty();
    assertThat(total).as("rows stored").isGreaterThanOrEqualTo(CALLERS);
    for (String model : MODELS) {
      // Counted over the direct endpoint with qualified names: no routing involved.
      assertThat(db.direct().queryOne("SELECT count(*) FROM " + model + ".usage_statistics WHERE model <> ?",
          column(Long.class), model)).as("rows of other models in schema %s", model).isZero();
      assertThat(db.direct().queryOne("SELECT count(*) FROM " + model + ".usage_statistics", column(Long.class)))
          .as("rows in schema %s", model).isEqualTo(inserted.get(model).sum());
    }
    assertThat(ServerSessions.searchPaths(db, serverSessions(), false))
        .hasSize(serverSessions())
        .allMatch(defaultSearchPath::equals);
  }

  /** The session check above is not vacuous: a plain (not LOCAL) SET does stay, and it sees it. */
  @Test
  void theSessionCheckSeesASearchPathLeftBehind() throws Exception {
    // Behind transaction pooling the SET stays on one of the pooler's server sessions, so visit
    // them all; otherwise it stays on the client's connection, which the client's small pool reuses.
    int sessions = target() == PoolerTarget.PGBOUNCER_TRANSACTION ? pooler.serverConnections() : 4;
    try (Database other = Database.create(config(b -> b.pool(PoolConfig.builder().minConnections(0)
        .maxConnections(sessions).waitTimeout(Duration.ofSeconds(30)).build())))) {
      try (Connection c = other.connection(Endpoint.POOLED); Statement s = c.createStatement()) {
        s.execute("SET search_path TO hermes");
      }
      assertThat(ServerSessions.searchPaths(other, sessions, true)).contains("hermes");
      assertThat(ServerSessions.searchPaths(other, sessions, false)).allMatch(defaultSearchPath::equals);
    }
  }

  @Test
  void transactionsCommitOrRollBackWholeAndTheirOptionsEndWithThem() {
    db.update("CREATE TABLE tx_notes (id int PRIMARY KEY, note text NOT NULL)");
    assertThatThrownBy(() -> db.inTransaction(tx -> {
      tx.update("INSERT INTO tx_notes VALUES (1, 'rolled back')");
      throw new IllegalStateException("abort");
    })).isInstanceOf(IllegalStateException.class).hasMessage("abort");
    db.inTransaction(tx -> tx.update("INSERT INTO tx_notes VALUES (2, 'committed')"));
    assertThat(db.query("SELECT id FROM tx_notes ORDER BY id", column(Integer.class))).containsExactly(2);

    Map<String, String> inside = db.inTransaction(TransactionOptions.isolation(Isolation.SERIALIZABLE).asReadOnly(),
        tx -> Map.of(
            "isolation", tx.queryOne("SHOW transaction_isolation", column(String.class)),
            "read only", tx.queryOne("SHOW transaction_read_only", column(String.class))));
    assertThat(inside).containsEntry("isolation", "serializable").containsEntry("read only", "on");
    assertThatThrownBy(() -> db.inTransaction(TransactionOptions.readOnlyTransaction(),
        tx -> tx.update("INSERT INTO tx_notes VALUES (3, 'refused')")))
        .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.sqlState()).isEqualTo("25006"));
    for (int i = 0; i < serverSessions(); i++) {
      String isolation = db.inTransaction(tx -> tx.queryOne("SHOW transaction_isolation", column(String.class)));
      assertThat(isolation).isEqualTo(defaultIsolation);
    }
  }

  @Test
  void serializationFailuresAndDeadlocksRunTheWholeTransactionAgain() throws Exception {
    db.update("CREATE TABLE tx_runs (id serial PRIMARY KEY, label text NOT NULL)");
    AtomicInteger runs = new AtomicInteger();
    db.inTransaction(tx -> {
      tx.update("INSERT INTO tx_runs (label) VALUES ('retried')");
      if (runs.incrementAndGet() < 3) {
        tx.update("DO $$ BEGIN RAISE EXCEPTION SQLSTATE '40001' USING MESSAGE = 'forced conflict'; END $$");
      }
      return null;
    });
    assertThat(runs).hasValue(3);
    assertThat(db.queryOne("SELECT count(*) FROM tx_runs WHERE label = 'retried'", column(Long.class))).isEqualTo(1L);

    db.update("CREATE TABLE tx_accounts (id int PRIMARY KEY, balance int NOT NULL)");
    db.update("INSERT INTO tx_accounts VALUES (1, 100), (2, 100)");
    CyclicBarrier bothLocked = new CyclicBarrier(2);
    AtomicInteger transfers = new AtomicInteger();
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      Future<?> a = two.submit(() -> transfer(1, 2, bothLocked, transfers));
      Future<?> b = two.submit(() -> transfer(2, 1, bothLocked, transfers));
      a.get(60, TimeUnit.SECONDS);
      b.get(60, TimeUnit.SECONDS);
    } finally {
      two.shutdown();
    }
    assertThat(transfers).as("the deadlock victim ran again").hasValue(3);
    assertThat(db.query("SELECT balance FROM tx_accounts ORDER BY id", column(Integer.class))).containsExactly(100, 100);
  }

  /** Moves 10 between two rows; the first run of each waits until both have locked their first row. */
  private Void transfer(int from, int to, CyclicBarrier bothLocked, AtomicInteger runs) throws Exception {
    return db.inTransaction(tx -> {
      boolean first = runs.incrementAndGet() <= 2;
      tx.update("UPDATE tx_accounts SET balance = balance - 10 WHERE id = ?", from);
      if (first) {
        bothLocked.await(30, TimeUnit.SECONDS);
      }
      tx.update("UPDATE tx_accounts SET balance = balance + 10 WHERE id = ?", to);
      return null;
    });
  }

  @Test
  void auditEventsArriveExactlyOnceAndInOrder(@TempDir Path spill) throws Exception {
    int threads = 8;
    int perThread = 1_000;
    String chain = "poolers-" + target().name().toLowerCase(Locale.ROOT).replace('_', '-');
    Instant from = Instant.now().minusSeconds(60);
    try (AuditLog audit = AuditLog.create(db, AuditConfig.builder().chainId(chain).spillDirectory(spill).build())) {
      ExecutorService producers = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String producer = "p" + t;
        done.add(producers.submit(() -> {
          for (int n = 0; n < perThread; n++) {
            audit.record(AuditEvent.builder().service(producer).action("model.infer")
                .model(MODELS.get(n % MODELS.size())).outcome(AuditOutcome.SUCCESS)
                .requestId(producer + "/" + n).build());
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
      producers.shutdown();
      audit.flush();
      assertThat(audit.stats().written()).isEqualTo((long) threads * perThread);
    }
    List<String> stored = db.direct().query("SELECT request_id FROM audit.logs WHERE chain_id = ? ORDER BY seq",
        column(String.class), chain);
    assertThat(stored).hasSize(threads * perThread).doesNotHaveDuplicates();
    Map<String, Integer> next = new HashMap<>();
    for (String requestId : stored) {
      String producer = requestId.substring(0, requestId.indexOf('/'));
      int n = Integer.parseInt(requestId.substring(requestId.indexOf('/') + 1));
      assertThat(n).as("next event of %s", producer).isEqualTo(next.getOrDefault(producer, 0));
      next.put(producer, n + 1);
    }
    VerificationResult verified = AuditVerifier.create(db).verify(chain, from, Instant.now().plusSeconds(60));
    assertThat(verified.intact()).as("%s", verified.violation()).isTrue();
    assertThat(verified.rowsChecked()).isEqualTo((long) threads * perThread);
  }
}
