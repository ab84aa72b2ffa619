package dev.citadel.client.vector.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.citadel.client.metrics.MicrometerMetrics;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.QdrantServer;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.Distance;
import dev.citadel.client.vector.PointId;
import dev.citadel.client.vector.SearchHit;
import dev.citadel.client.vector.SearchRequest;
import dev.citadel.client.vector.VectorPoint;
import dev.citadel.client.vector.support.VectorTestConfigs;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every Qdrant operation is one observation named by the OpenTelemetry database conventions,
 * started and current on the caller's thread while the call is issued, and stopped when its
 * future completes. The test kit's Qdrant.
 */
class QdrantObservationIT {
  private static final String NAME = "citadel.db.client.operation";
  private static final String COLLECTION = "obs_it_" + Long.toString(System.currentTimeMillis(), 36);
  private static final TestObservationRegistry observations = TestObservationRegistry.create();
  private static final QdrantServer server = CitadelTestKit.qdrant();
  private static CitadelVectors vectors;

  @BeforeAll
  static void start() {
    vectors = CitadelVectors.create(VectorTestConfigs.vectors(VectorTestConfigs.qdrant(server).build()),
        MicrometerMetrics.create(new SimpleMeterRegistry(), observations));
    vectors.ensure(CollectionSpec.builder(COLLECTION, 2).distance(Distance.DOT).build());
    vectors.upsert(COLLECTION, List.of(
        new VectorPoint(PointId.of(1), new float[] {1, 0}, Map.of("secret", "payload-0f3a")),
        new VectorPoint(PointId.of(2), new float[] {0, 1}, Map.of("secret", "payload-0f3a"))));
  }

  @AfterAll
  static void stop() {
    vectors.drop(COLLECTION);
    vectors.close();
  }

  @BeforeEach
  void forget() {
    observations.clear();
  }

  @Test
  void searchIsAClientObservationUnderTheCallersObservation() {
    Observation outer = Observation.start("host.request", observations);
    List<SearchHit> hits;
    try (Observation.Scope scope = outer.openScope()) {
      hits = vectors.search(COLLECTION, SearchRequest.of(new float[] {2, 1}));
    } finally {
      outer.stop();
    }

    assertThat(hits).extracting(SearchHit::id).containsExactly(PointId.of(1), PointId.of(2));
    String address = server.host() + ":" + server.grpcPort();
    TestObservationRegistryAssert.assertThat(observations)
        .hasNumberOfObservationsWithNameEqualTo(NAME, 1)
        .hasObservationWithNameEqualTo(NAME).that()
        .hasContextualNameEqualTo("search " + address)
        .hasLowCardinalityKeyValue("db.system.name", "qdrant")
        .hasLowCardinalityKeyValue("db.namespace", "none")
        .hasLowCardinalityKeyValue("db.operation.name", "search")
        .hasLowCardinalityKeyValue("server.address", server.host())
        .hasLowCardinalityKeyValue("server.port", Integer.toString(server.grpcPort()))
        .hasLowCardinalityKeyValue("error.type", "none")
        .hasLowCardinalityKeyValue("citadel.backend", "qdrant")
        .hasParentObservationEqualTo(outer)
        .doesNotHaveError();
  }

  @Test
  void asyncCallLeavesTheCallersScopeAtOnceAndStopsOnCompletion() throws Exception {
    Observation outer = Observation.start("host.request", observations);
    CompletableFuture<List<SearchHit>> pending;
    Observation currentAfterIssuing;
    try (Observation.Scope scope = outer.openScope()) {
      pending = vectors.async().search(COLLECTION, SearchRequest.of(new float[] {1, 2}));
      currentAfterIssuing = observations.getCurrentObservation();
    } finally {
      outer.stop();
    }
    assertThat(currentAfterIssuing).as("the caller's own observation is current again").isSameAs(outer);

    List<SearchHit> hits = pending.get(10, TimeUnit.SECONDS);

    assertThat(hits).extracting(SearchHit::id).containsExactly(PointId.of(2), PointId.of(1));
    TestObservationRegistryAssert.assertThat(observations)
        .hasNumberOfObservationsWithNameEqualTo(NAME, 1)
        .forAllObservationsWithNameEqualTo(NAME, call -> call.hasParentObservationEqualTo(outer)
            .hasLowCardinalityKeyValue("db.operation.name", "search"));
    // The returned future completes after the call was reported: it is stopped by now.
    TestObservationRegistryAssert.assertThat(observations).hasObservationWithNameEqualTo(NAME)
        .that().hasBeenStopped();
  }

  /**
   * A search on a collection this client has not seen yet first describes it: that describe is a
   * child of the search (started while the search's observation is current), and both end with
   * the error the caller gets, unwrapped from the future's.
   */
  @Test
  void failedAsyncCallStopsWithTheUnwrappedError() {
    Throwable thrown = catchThrowable(() -> vectors.search("no_such_collection_" + COLLECTION,
        SearchRequest.of(new float[] {1, 0})));

    assertThat(thrown).isNotNull().isNotInstanceOf(java.util.concurrent.CompletionException.class);
    TestObservationRegistryAssert.assertThat(observations)
        .hasNumberOfObservationsWithNameEqualTo(NAME, 2)
        .hasAnObservation(search -> search.hasLowCardinalityKeyValue("db.operation.name", "search")
            .hasLowCardinalityKeyValue("error.type", thrown.getClass().getName())
            .hasError(thrown)
            .doesNotHaveParentObservation())
        .hasHandledContextsThatSatisfy(contexts -> {
          Observation.Context describe = contexts.stream()
              .filter(c -> "describe".equals(c.getLowCardinalityKeyValue("db.operation.name").getValue()))
              .findFirst().orElseThrow();
          assertThat(describe.getLowCardinalityKeyValue("error.type").getValue()).isEqualTo(thrown.getClass().getName());
          assertThat(describe.getParentObservation()).isNotNull();
          assertThat(describe.getParentObservation().getContextView().getLowCardinalityKeyValue("db.operation.name")
              .getValue()).isEqualTo("search");
        });
  }

  @Test
  void noKeyValueCarriesACollectionOrPayload() {
    vectors.count(COLLECTION, dev.citadel.client.vector.VectorFilter.none());
    vectors.search(COLLECTION, SearchRequest.of(new float[] {1, 1}));

    TestObservationRegistryAssert.assertThat(observations).hasHandledContextsThatSatisfy(contexts -> {
      assertThat(contexts).hasSize(2);
      for (Observation.Context c : contexts) {
        List<String> texts = new ArrayList<>();
        texts.add(c.getContextualName());
        for (KeyValue kv : c.getAllKeyValues()) {
          texts.add(kv.getKey() + "=" + kv.getValue());
        }
        assertThat(texts).noneMatch(t -> t.contains(COLLECTION) || t.contains("payload-0f3a"));
      }
    });
  }
}
