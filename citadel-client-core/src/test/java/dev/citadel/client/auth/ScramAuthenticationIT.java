package dev.citadel.client.auth;

import static dev.citadel.client.db.RowMapper.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.citadel.client.AuthenticationException;
import dev.citadel.client.UnknownDatabaseException;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.config.ResilienceConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.Endpoint;
import dev.citadel.client.poolers.PoolerTarget;
import dev.citadel.client.resilience.BreakerState;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.DedicatedPostgres;
import dev.citadel.client.testkit.Pooler;
import dev.citadel.client.testkit.TestDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A PostgreSQL that accepts SCRAM-SHA-256 logins only, reached directly, through PgBouncer and
 * through Pgpool-II. The right password logs in; a wrong one fails at once with an
 * {@link AuthenticationException}, which is not retried, does not open the breaker and names no
 * password, although each pooler reports the refusal under a different SQLSTATE.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScramAuthenticationIT {
  private static final String APP_USER = "citadel_app";
  /** Longer than any test here may take: a borrow that waited for it would show. */
  private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(30);
  /** The first retry's delay: a retried call would take at least this long. */
  private static final Duration RETRY_DELAY = Duration.ofSeconds(2);

  private final String appPassword = randomPassword();
  private DedicatedPostgres server;
  private TestDatabase testDb;

  @BeforeAll
  void startServer() throws SQLException {
    server = DedicatedPostgres.builder().start();
    testDb = server.createDatabase();
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(testDb.name()), server.username(), server.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + APP_USER + " LOGIN PASSWORD '" + appPassword + "'");
    }
  }

  @AfterAll
  void stopServer() {
    if (testDb != null) {
      testDb.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theServerAcceptsScramOnlyAndStoresScramVerifiers() throws SQLException {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(testDb.name()), server.username(), server.password());
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT DISTINCT auth_method FROM pg_hba_file_rules WHERE type <> 'local'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("scram-sha-256");
        assertThat(rs.next()).as("no other login method").isFalse();
      }
      try (ResultSet rs = s.executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = '" + APP_USER + "'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).startsWith("SCRAM-SHA-256$");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = PoolerTarget.class, names = {"DIRECT", "PGBOUNCER_TRANSACTION", "PGPOOL"})
  void theRightPasswordLogsIn(PoolerTarget target) {
    target.assumeInstalled();
    try (Pooler pooler = target.start(server, Map.of(APP_USER, appPassword));
        Database db = Database.create(config(target, pooler, appPassword))) {
      assertThat(db.queryOne("SELECT current_user", column(String.class))).isEqualTo(APP_USER);
    }
  }

  @ParameterizedTest
  @EnumSource(value = PoolerTarget.class, names = {"DIRECT", "PGBOUNCER_TRANSACTION", "PGPOOL"})
  void aWrongPasswordFailsAtOnceTypedNotRetriedAndWithoutSecrets(PoolerTarget target) {
    target.assumeInstalled();
    String wrongPassword = randomPassword();
    try (Pooler pooler = target.start(server, Map.of(APP_USER, appPassword));
        Database db = Database.create(config(target, pooler, wrongPassword))) {
      for (int call = 0; call < 4; call++) {
        long start = System.nanoTime();
        Throwable failure = call % 2 == 0
            ? catchThrowable(() -> db.queryOne("SELECT 1", column(Integer.class)))
            : catchThrowable(() -> db.update("CREATE TABLE never_created (id int)"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure).isInstanceOfSatisfying(AuthenticationException.class, e -> {
          assertThat(e.backend()).isEqualTo("postgres-pooled");
          assertThat(e.getMessage()).contains("login refused").contains("database.password");
        });
        assertThat(took).as("neither retried (a retry waits %s) nor waiting for the pool's %s", RETRY_DELAY,
            CONNECTION_TIMEOUT).isLessThan(RETRY_DELAY);
        for (Throwable t = failure; t != null; t = t.getCause()) {
          assertThat(t.toString()).doesNotContain(wrongPassword).doesNotContain(appPassword);
        }
      }
      assertThat(db.breakerState(Endpoint.POOLED)).as("refused logins are not outages").isEqualTo(BreakerState.CLOSED);
    }
  }

  /**
   * PostgreSQL says 3D000 for a database that does not exist; PgBouncer relays the server's
   * refusal under 08P01, Pgpool-II as it is. Every one is an
   * {@link UnknownDatabaseException}, at once, on the pooled endpoint, and in the health report.
   */
  @ParameterizedTest
  @EnumSource(value = PoolerTarget.class, names = {"DIRECT", "PGBOUNCER_TRANSACTION", "PGPOOL"})
  void anUnknownDatabaseFailsAtOnceTypedThroughEveryPooler(PoolerTarget target) {
    target.assumeInstalled();
    String missing = "missing_" + target.name().toLowerCase(java.util.Locale.ROOT);
    try (Pooler pooler = target.start(server, Map.of(APP_USER, appPassword));
        Database db = Database.create(config(target, pooler, appPassword, missing))) {
      for (int call = 0; call < 2; call++) {
        long start = System.nanoTime();
        Throwable failure = catchThrowable(() -> db.queryOne("SELECT 1", column(Integer.class)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure).isInstanceOfSatisfying(UnknownDatabaseException.class, e -> {
          assertThat(e.backend()).isEqualTo("postgres-pooled");
          assertThat(e.getMessage()).contains("database does not exist").contains("database.database");
        });
        // PgBouncer answers a client it cannot log in for with "server login has been failing" (not
        // a refusal: a full server causes it too) until its server_login_retry (the kit's: 1 s)
        // ends and it asks the server again: a call waits for that at most, not for the pool.
        assertThat(took).as("neither retried nor waiting for the pool's %s", CONNECTION_TIMEOUT)
            .isLessThan(RETRY_DELAY.plusSeconds(1));
      }
      assertThat(db.health().check("postgres.pooled").orElseThrow().detail()).startsWith("database does not exist: ");
      assertThat(db.breakerState(Endpoint.POOLED)).isEqualTo(BreakerState.CLOSED);
    }
  }

  private CitadelConfig config(PoolerTarget target, Pooler pooler, String password) {
    return config(target, pooler, password, testDb.name());
  }

  private CitadelConfig config(PoolerTarget target, Pooler pooler, String password, String databaseName) {
    DatabaseConfig database = TestConfigs.database(target.route(testDb, pooler))
        .database(databaseName)
        .user(APP_USER)
        .password(password)
        .pool(PoolConfig.builder().minConnections(0).maxConnections(4).waitTimeout(CONNECTION_TIMEOUT).build())
        .build();
    return CitadelConfig.builder()
        .clientName("scram")
        .database(database)
        .resilience(ResilienceConfig.builder().maxAttempts(3).initialDelay(RETRY_DELAY).maxDelay(RETRY_DELAY.multipliedBy(2))
            .jitter(0).failureThreshold(2).build())
        .build();
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('-', 'x').replace('_', 'y');
  }
}
