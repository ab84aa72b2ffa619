package dev.citadel.client.db;

import static dev.citadel.client.db.RowMapper.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.citadel.client.AuthenticationException;
import dev.citadel.client.UnknownDatabaseException;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.health.HealthCheck;
import dev.citadel.client.health.HealthReport;
import dev.citadel.client.health.HealthStatus;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.TestDatabase;
import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A wrong password and an unknown database, the mistakes a new user makes first, end the same way
 * on every path against the test kit's PostgreSQL (which accepts SCRAM logins only): a typed
 * error within the connect timeout from {@code migrate()} and from queries, and health entries
 * that say what the server said instead of "unreachable".
 *
 * <p>Both pools wait {@link #POOL_WAIT} for a connection, far longer than {@link #CONNECT_TIMEOUT}:
 * a failure that only surfaced when the pool gave up would show.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedLoginIT {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration POOL_WAIT = Duration.ofSeconds(30);
  /** What a loaded CI machine may add to the connect timeout. */
  private static final Duration MARGIN = Duration.ofSeconds(1);
  private static final Duration BOUND = CONNECT_TIMEOUT.plus(MARGIN);

  private TestDatabase testDb;
  private final String wrongPassword = "wrong-" + UUID.randomUUID();
  private final String missingDatabase = "missing_" + UUID.randomUUID().toString().replace("-", "");

  @BeforeAll
  void createDatabase() {
    testDb = CitadelTestKit.postgres().createDatabase();
  }

  @AfterAll
  void dropDatabase() {
    if (testDb != null) {
      testDb.close();
    }
  }

  @Test
  void aWrongPasswordFailsMigrateWithAnAuthenticationExceptionWithinTheConnectTimeout() {
    try (Database db = Database.create(config(b -> b.password(wrongPassword)))) {
      Timed migrate = Timed.run(db::migrate);
      Throwable failure = migrate.failure();

      assertThat(failure).isExactlyInstanceOf(AuthenticationException.class);
      AuthenticationException refused = (AuthenticationException) failure;
      assertThat(refused.backend()).isEqualTo("postgres-direct");
      assertThat(refused.sqlState()).isEqualTo("28P01");
      assertThat(refused.getMessage()).contains("login refused").contains("database.password");
      assertThat(migrate.took()).as("not waiting for the pool's %s", POOL_WAIT).isLessThan(BOUND);
      for (Throwable t = failure; t != null; t = t.getCause()) {
        assertThat(t.toString()).doesNotContain(wrongPassword).doesNotContain(testDb.password());
      }
    }
  }

  @Test
  void anUnknownDatabaseFailsMigrateAndQueriesWithAnUnknownDatabaseExceptionWithinTheConnectTimeout() {
    try (Database db = Database.create(config(b -> b.database(missingDatabase)))) {
      Timed migrate = Timed.run(db::migrate);
      Timed query = Timed.run(() -> db.queryOne("SELECT 1", column(Integer.class)));

      assertThat(migrate.failure()).isInstanceOfSatisfying(UnknownDatabaseException.class, e -> {
        assertThat(e.backend()).isEqualTo("postgres-direct");
        assertThat(e.sqlState()).isEqualTo("3D000");
        assertThat(e.getMessage()).contains("database does not exist").contains("database.database")
            .contains(missingDatabase);
      });
      assertThat(migrate.took()).as("not waiting for the pool's %s", POOL_WAIT).isLessThan(BOUND);
      assertThat(query.failure()).isInstanceOfSatisfying(UnknownDatabaseException.class,
          e -> assertThat(e.backend()).isEqualTo("postgres-pooled"));
      assertThat(query.took()).as("not waiting for the pool's %s", POOL_WAIT).isLessThan(BOUND);
    }
  }

  @Test
  void healthSaysLoginRefusedForAWrongPassword() {
    assertHealthSays(b -> b.password(wrongPassword), "login refused", "28P01");
  }

  @Test
  void healthSaysDatabaseDoesNotExistForAnUnknownDatabase() {
    assertHealthSays(b -> b.database(missingDatabase), "database does not exist", missingDatabase);
  }

  /**
   * Both endpoints' entries start with {@code kind} and mention {@code mentioned}; the entries that
   * need the direct endpoint say they were not checked, and why; the whole report takes no longer
   * than a connect timeout per endpoint.
   */
  private void assertHealthSays(
      UnaryOperator<DatabaseConfig.Builder> mistake, String kind, String mentioned) {
    try (Database db = Database.create(config(mistake))) {
      long start = System.nanoTime();
      HealthReport report = db.health();
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(report.healthy()).isFalse();
      for (String name : new String[] {"postgres.pooled", "postgres.direct"}) {
        HealthCheck check = report.check(name).orElseThrow();
        assertThat(check.status()).as(name).isEqualTo(HealthStatus.DOWN);
        assertThat(check.detail()).as(name).startsWith(kind + ": ").contains(mentioned)
            .doesNotContain("unreachable").doesNotContain(wrongPassword).doesNotContain(testDb.password());
      }
      for (String name : new String[] {"migrations", "schema.mixtral"}) {
        assertThat(report.check(name).orElseThrow().detail()).as(name)
            .isEqualTo("not checked: direct endpoint " + kind);
      }
      assertThat(took).as("both endpoints within the connect timeout").isLessThan(BOUND.multipliedBy(2));
    }
  }

  /** How a call failed and how long it took. */
  private record Timed(Throwable failure, Duration took) {
    static Timed run(ThrowingCallable call) {
      long start = System.nanoTime();
      Throwable failure = catchThrowable(call);
      return new Timed(failure, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private CitadelConfig config(UnaryOperator<DatabaseConfig.Builder> mistake) {
    PoolConfig pool = PoolConfig.builder().minConnections(0).maxConnections(4).waitTimeout(POOL_WAIT).build();
    return TestConfigs.citadel(testDb,
        b -> mistake.apply(b.connectTimeout(CONNECT_TIMEOUT).pool(pool).directPool(pool)));
  }
}
