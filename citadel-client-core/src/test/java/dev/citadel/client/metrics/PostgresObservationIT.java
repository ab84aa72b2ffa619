package dev.citadel.client.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.citadel.client.QueryException;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every PostgreSQL call through the one statement path is one observation named and tagged by the
 * OpenTelemetry database conventions, started on the caller's thread (so it nests under the
 * caller's observation) and stopped with the caller's error. Real PostgreSQL from the test kit.
 */
@ExtendWith(CitadelTestKitExtension.class)
class PostgresObservationIT {
  private static final String NAME = "citadel.db.client.operation";
  private static final TestObservationRegistry observations = TestObservationRegistry.create();
  private static TestDatabase testDb;
  private static Database db;

  @BeforeAll
  static void start(TestDatabase database) {
    testDb = database;
    db = Database.create(TestConfigs.citadel(database),
        MicrometerMetrics.create(new SimpleMeterRegistry(), observations));
    db.migrate();
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  @BeforeEach
  void forget() {
    observations.clear();
  }

  @Test
  void plainQueryIsOneClientObservationCurrentWhileItRuns() {
    List<Observation> currentWhileMapping = new ArrayList<>();
    int one = db.queryOne("SELECT 1", rs -> {
      currentWhileMapping.add(observations.getCurrentObservation());
      return rs.getInt(1);
    });

    assertThat(one).isEqualTo(1);
    TestObservationRegistryAssert.assertThat(observations)
        .hasSingleObservationThat()
        .hasNameEqualTo(NAME)
        .hasContextualNameEqualTo("query " + testDb.name())
        .hasLowCardinalityKeyValue("db.system.name", "postgresql")
        .hasLowCardinalityKeyValue("db.namespace", testDb.name())
        .hasLowCardinalityKeyValue("db.operation.name", "query")
        .hasLowCardinalityKeyValue("server.address", testDb.host())
        .hasLowCardinalityKeyValue("server.port", Integer.toString(testDb.port()))
        .hasLowCardinalityKeyValue("error.type", "none")
        .hasLowCardinalityKeyValue("citadel.backend", "postgres-pooled")
        .hasLowCardinalityKeyValue("citadel.client", "test")
        .doesNotHaveError()
        .doesNotHaveParentObservation()
        .hasBeenStarted()
        .hasBeenStopped();
    // The row mapper runs on the caller's thread inside the call: the call's observation is current.
    assertThat(currentWhileMapping).hasSize(1);
    assertThat(currentWhileMapping.get(0)).isNotNull();
    assertThat(currentWhileMapping.get(0).getContext().getName()).isEqualTo(NAME);
    assertThat(observations.getCurrentObservation()).as("scope closed after the call").isNull();
  }

  @Test
  void routedQueryNamesDatabaseAndSchema() {
    db.forModel("mixtral").queryOne("SELECT current_schema()", RowMapper.column(String.class));

    TestObservationRegistryAssert.assertThat(observations)
        .hasSingleObservationThat()
        .hasContextualNameEqualTo("query " + testDb.name() + "|mixtral")
        .hasLowCardinalityKeyValue("db.namespace", testDb.name() + "|mixtral")
        .hasLowCardinalityKeyValue("db.operation.name", "query")
        .hasBeenStopped();
  }

  @Test
  void failedQueryStopsWithTheCallersErrorAndItsType() {
    Throwable thrown = catchThrowable(() -> db.query("SELECT * FROM no_such_table", RowMapper.column(Integer.class)));

    assertThat(thrown).isInstanceOf(QueryException.class);
    TestObservationRegistryAssert.assertThat(observations)
        .hasSingleObservationThat()
        .hasLowCardinalityKeyValue("error.type", QueryException.class.getName())
        .hasHighCardinalityKeyValue("db.response.status_code", "42P01") // undefined_table
        .hasError(thrown)
        .hasBeenStopped();
  }

  @Test
  void transactionIsOneObservationWhateverItRuns() {
    int rows = db.inTransaction(tx -> {
      tx.update("CREATE TEMP TABLE tx_obs (id int) ON COMMIT DROP");
      tx.update("INSERT INTO tx_obs VALUES (1), (2)");
      return tx.queryOne("SELECT count(*)::int FROM tx_obs", RowMapper.column(Integer.class));
    });

    assertThat(rows).isEqualTo(2);
    TestObservationRegistryAssert.assertThat(observations)
        .hasSingleObservationThat()
        .hasLowCardinalityKeyValue("db.operation.name", "transaction")
        .hasLowCardinalityKeyValue("db.namespace", testDb.name())
        .hasContextualNameEqualTo("transaction " + testDb.name())
        .hasBeenStopped();
  }

  @Test
  void failedTransactionCarriesTheCallbacksError() {
    IllegalStateException mine = new IllegalStateException("the caller's own failure");
    assertThatThrownBy(() -> db.inTransaction(tx -> {
      tx.queryOne("SELECT 1", RowMapper.column(Integer.class));
      throw mine;
    })).isSameAs(mine);

    TestObservationRegistryAssert.assertThat(observations)
        .hasSingleObservationThat()
        .hasLowCardinalityKeyValue("db.operation.name", "transaction")
        .hasLowCardinalityKeyValue("error.type", IllegalStateException.class.getName())
        .hasError(mine);
  }

  @Test
  void callNestsUnderTheCallersObservation() {
    Observation outer = Observation.start("host.request", observations);
    try (Observation.Scope scope = outer.openScope()) {
      db.queryOne("SELECT 1", RowMapper.column(Integer.class));
      db.direct().queryOne("SELECT 2", RowMapper.column(Integer.class));
    } finally {
      outer.stop();
    }

    TestObservationRegistryAssert.assertThat(observations)
        .hasNumberOfObservationsWithNameEqualTo(NAME, 2)
        .forAllObservationsWithNameEqualTo(NAME, call -> call.hasParentObservationEqualTo(outer))
        .hasAnObservation(call -> call.hasNameEqualTo(NAME)
            .hasLowCardinalityKeyValue("citadel.backend", "postgres-direct")
            .hasLowCardinalityKeyValue("db.operation.name", "query"));
  }

  /**
   * 16 threads, each inside its own outer observation, call at once: each call's observation must
   * be a child of its own thread's outer one, never of another thread's (the scope is the
   * caller's thread's).
   */
  @Test
  void concurrentCallersEachGetTheirOwnParent() throws Exception {
    int threads = 16;
    int perThread = 25;
    CountDownLatch go = new CountDownLatch(1);
    Map<Observation.Context, String> outerOf = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String name = "caller-" + t;
        done.add(pool.submit(() -> {
          go.await();
          Observation outer = Observation.createNotStarted("host.request", observations)
              .lowCardinalityKeyValue("caller", name).start();
          outerOf.put(outer.getContext(), name);
          try (Observation.Scope scope = outer.openScope()) {
            for (int i = 0; i < perThread; i++) {
              db.queryOne("SELECT ?::int", RowMapper.column(Integer.class), i);
            }
          } finally {
            outer.stop();
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    TestObservationRegistryAssert.assertThat(observations)
        .hasNumberOfObservationsWithNameEqualTo(NAME, threads * perThread)
        .hasHandledContextsThatSatisfy(contexts -> {
          Map<String, Integer> callsPerCaller = new ConcurrentHashMap<>();
          for (Observation.Context c : contexts) {
            if (!NAME.equals(c.getName())) {
              continue;
            }
            assertThat(c.getParentObservation()).as("parent of a call").isNotNull();
            String caller = outerOf.get((Observation.Context) c.getParentObservation().getContextView());
            assertThat(caller).as("a call's parent is one of the callers' observations").isNotNull();
            callsPerCaller.merge(caller, 1, Integer::sum);
          }
          assertThat(callsPerCaller).hasSize(threads).allSatisfy((caller, calls) -> assertThat(calls).isEqualTo(perThread));
        });
  }

  @Test
  void noKeyValueCarriesSqlTextOrABoundValue() {
    String bound = "bound-7c1e9a";
    String sqlMarker = "marker_c0lumn";
    db.queryOne("SELECT ?::text AS " + sqlMarker, RowMapper.column(String.class), bound);
    db.forModel("mixtral").update("UPDATE usage_statistics SET prompt_tokens = 1 WHERE request_id = ?", bound);
    assertThatThrownBy(() -> db.update("INSERT INTO no_such_table VALUES (?)", bound))
        .isInstanceOf(QueryException.class);

    TestObservationRegistryAssert.assertThat(observations)
        .hasNumberOfObservationsWithNameEqualTo(NAME, 3)
        .hasHandledContextsThatSatisfy(contexts -> {
          for (Observation.Context c : contexts) {
            List<String> texts = new ArrayList<>();
            texts.add(c.getContextualName());
            for (KeyValue kv : c.getAllKeyValues()) {
              texts.add(kv.getKey() + "=" + kv.getValue());
            }
            assertThat(texts).noneMatch(t -> t.contains(bound) || t.contains(sqlMarker)
                || t.toUpperCase().contains("SELECT") || t.toUpperCase().contains("USAGE_STATISTICS")
                || t.toUpperCase().contains("NO_SUCH_TABLE"));
          }
        });
  }

  @Test
  void withoutARegistryOrHandlersNothingIsObserved() {
    CallTarget target = new CallTarget("test", "postgres-pooled", "postgresql", "db", "localhost", 5432);
    assertThat(CitadelMetrics.NOOP.startCall(target, "query")).isSameAs(CallObservation.NONE);
    assertThat(MicrometerMetrics.create(new SimpleMeterRegistry()).startCall(target, "query"))
        .isSameAs(CallObservation.NONE);
    assertThat(MicrometerMetrics.create(new SimpleMeterRegistry(), ObservationRegistry.NOOP).startCall(target, "query"))
        .isSameAs(CallObservation.NONE);
    assertThat(MicrometerMetrics.create(new SimpleMeterRegistry(), ObservationRegistry.create()).startCall(target, "query"))
        .as("a registry without handlers")
        .isSameAs(CallObservation.NONE);

    // A client with meters only, while the test registry is current: no observation anywhere.
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Observation outer = Observation.start("host.request", observations);
    try (Observation.Scope scope = outer.openScope();
        Database metered = Database.create(TestConfigs.citadel(testDb), MicrometerMetrics.create(meters))) {
      assertThat(metered.queryOne("SELECT 1", RowMapper.column(Integer.class))).isEqualTo(1);
      assertThat(meters.find("citadel.calls").tag("operation", "query").timer().count()).isEqualTo(1);
    } finally {
      outer.stop();
    }
    TestObservationRegistryAssert.assertThat(observations).hasNumberOfObservationsEqualTo(1)
        .hasSingleObservationThat().hasNameEqualTo("host.request");
  }
}
