package dev.citadel.client.poolers;

import static dev.citadel.client.db.RowMapper.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.QueryException;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.SqlClient;
import dev.citadel.client.health.HealthCheck;
import dev.citadel.client.support.StderrLog;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.PgBouncer;
import dev.citadel.client.testkit.PostgresServer;
import dev.citadel.client.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PgBouncer in transaction mode with {@code database.transaction_pooler} left false, as a new user
 * would deploy it. The SDK must notice the pooler on the first connection and run pooler-safe: no
 * prepared-statement errors, no statement returning another one's result, no statement in
 * another model's schema, no session setting left on the pooler's server sessions for its other
 * clients, the statement timeout still enforced, and the health line saying what it found.
 */
class UndeclaredTransactionPoolerIT {
  private static final List<String> MODELS = PoolerAcceptanceSuite.MODELS;
  /** Few server sessions for many client connections: every session serves many of them. */
  private static final int SERVER_SESSIONS = 4;
  private static final int CALLERS = 16;
  private static final int ROUNDS = 60;

  @RegisterExtension final StderrLog log = new StderrLog();

  @Test
  void anUndeclaredTransactionPoolerIsDetectedAndNothingBreaksOrLeaks() throws Exception {
    PgBouncer.assumeInstalled();
    PostgresServer upstream = CitadelTestKit.postgres();
    try (TestDatabase testDb = upstream.createDatabase();
        PgBouncer bouncer = PgBouncer.builder(upstream).poolMode(PgBouncer.PoolMode.TRANSACTION)
            .defaultPoolSize(SERVER_SESSIONS).start()) {
      String serverDefaultTimeout = showOnFreshServerSession(testDb, "statement_timeout");
      String serverDefaultPath = showOnFreshServerSession(testDb, "search_path");
      CitadelConfig config = TestConfigs.citadel(bouncer.database(testDb), b -> b
          .transactionPooler(false)
          .statementTimeout(Duration.ofSeconds(1))
          .pool(PoolConfig.builder().minConnections(0).maxConnections(CALLERS)
              .waitTimeout(Duration.ofSeconds(30)).build()));
      try (Database db = Database.create(config)) {
        db.migrate();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Queue<String> wrong = new ConcurrentLinkedQueue<>();
        runLoad(db, failures, wrong, serverDefaultPath);

        assertThat(failures).extracting(Throwable::toString).as("no failure, none about prepared statements")
            .isEmpty();
        assertThat(wrong).as("results of other statements, other schemas, leaked search paths").isEmpty();
        for (String model : MODELS) {
          assertThat(db.direct().queryOne("SELECT count(*) FROM " + model + ".usage_statistics WHERE model <> ?",
              column(Long.class), model)).as("rows of other models in schema %s", model).isZero();
        }

        // The timeout is still enforced, from the client, and was never SET on a server session.
        assertThatThrownBy(() -> db.query("SELECT pg_sleep(5)", r -> 1))
            .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.sqlState()).isEqualTo("57014"));
        assertThat(showOnEveryServerSession(bouncer.jdbcUrl(testDb.name()), testDb, "statement_timeout"))
            .as("statement_timeout seen by another client of the pooler")
            .hasSize(SERVER_SESSIONS).allMatch(serverDefaultTimeout::equals);
        assertThat(showOnEveryServerSession(bouncer.jdbcUrl(testDb.name()), testDb, "search_path"))
            .hasSize(SERVER_SESSIONS).allMatch(serverDefaultPath::equals);

        HealthCheck pooler = db.health().check("postgres.pooler").orElseThrow();
        assertThat(pooler.detail()).contains("transaction pooler detected", "database.transaction_pooler is false");
        assertThat(pooler.attributes()).containsEntry("transaction_pooler", true).containsEntry("declared", false);
      }
      assertThat(log.text())
          .contains("WARN")
          .contains("postgres-pooled: a transaction pooler is in front of this endpoint")
          .contains("database.transaction_pooler is false: set it to true");
    }
  }

  /**
   * Callers alternating between models: routed writes read back, routed transactions asking for
   * their schema, unrouted statements (run more often than PgJDBC's prepare threshold of five)
   * echoing a value only they know, and unrouted reads of the search path.
   */
  private static void runLoad(Database db, Queue<Throwable> failures, Queue<String> wrong, String defaultPath)
      throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < CALLERS; t++) {
      int caller = t;
      done.add(callers.submit(() -> {
        go.await();
        for (int n = 0; n < ROUNDS; n++) {
          String model = MODELS.get((caller + n) % MODELS.size());
          SqlClient routed = db.forModel(model);
          String requestId = caller + "/" + n;
          try {
            routed.update("INSERT INTO usage_statistics (request_id, model) VALUES (?, ?)", requestId, model);
            String readBack = routed.queryOne("SELECT model FROM usage_statistics WHERE request_id = ?",
                column(String.class), requestId);
            if (!model.equals(readBack)) {
              wrong.add(model + " read back " + readBack + " for " + requestId);
            }
            String schema = routed.inTransaction(tx -> tx.queryOne("SELECT current_schema()", column(String.class)));
            if (!model.equals(schema)) {
              wrong.add(model + " transaction ran in schema " + schema);
            }
            String echoed = db.queryOne("SELECT ?::text", column(String.class), requestId);
            if (!requestId.equals(echoed)) {
              wrong.add("echo of " + requestId + " returned " + echoed);
            }
            String path = db.queryOne("SHOW search_path", column(String.class));
            if (!defaultPath.equals(path)) {
              wrong.add("an unrouted statement saw search_path " + path);
            }
          } catch (RuntimeException e) {
            failures.add(e);
          }
        }
        return null;
      }));
    }
    go.countDown();
    try {
      for (Future<?> f : done) {
        f.get(180, TimeUnit.SECONDS);
      }
    } finally {
      callers.shutdownNow();
    }
  }

  /** A setting as a new session of the server (past any pooler) starts with it. */
  private static String showOnFreshServerSession(TestDatabase testDb, String setting) throws SQLException {
    try (Connection c = DriverManager.getConnection(testDb.jdbcUrl(), testDb.username(), testDb.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /**
   * A setting on each of the pooler's server sessions, as another client of the pooler sees it:
   * one transaction per session, all held open together so each lands on a different one.
   */
  private static List<String> showOnEveryServerSession(String poolerUrl, TestDatabase testDb, String setting)
      throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", testDb.username());
    props.setProperty("password", testDb.password());
    props.setProperty("prepareThreshold", "0");
    List<Connection> held = new ArrayList<>();
    List<String> values = new ArrayList<>();
    try {
      for (int i = 0; i < SERVER_SESSIONS; i++) {
        Connection c = DriverManager.getConnection(poolerUrl, props);
        held.add(c);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
          rs.next();
          values.add(rs.getString(1));
        }
      }
    } finally {
      for (Connection c : held) {
        c.rollback();
        c.close();
      }
    }
    return values;
  }
}
