package dev.citadel.client.cache.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.citadel.client.UnavailableException;
import dev.citadel.client.cache.CitadelCache;
import dev.citadel.client.cache.support.TestRedis;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.metrics.MicrometerMetrics;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.RedisServer;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every Redis store operation is one observation named by the OpenTelemetry database conventions,
 * in the slot's database, nested under the caller's; no key, user id or value in any key value.
 * Real Redis from the test kit.
 */
class RedisObservationIT {
  private static final String NAME = "citadel.db.client.operation";
  private static final TestObservationRegistry observations = TestObservationRegistry.create();
  private static RedisServer server;
  private static CitadelCache cache;

  @BeforeAll
  static void start() {
    server = CitadelTestKit.redis();
    cache = create(server);
  }

  private static CitadelCache create(RedisServer redis) {
    CitadelConfig config = CitadelConfig.builder().clientName("obs-it")
        .section(TestRedis.standalone(redis).build()).resilience(TestRedis.FAST_RESILIENCE).build();
    return CitadelCache.create(config, MicrometerMetrics.create(new SimpleMeterRegistry(), observations));
  }

  @AfterAll
  static void stop() {
    cache.close();
  }

  @BeforeEach
  void forget() {
    observations.clear();
  }

  @Test
  void sessionGetIsAnObservationInDatabaseZeroUnderTheCallersObservation() {
    String user = "user-" + UUID.randomUUID();
    String sid = cache.sessions().create(user, "{\"theme\":\"dark\"}").sessionId();
    observations.clear();

    Observation outer = Observation.start("host.request", observations);
    try (Observation.Scope scope = outer.openScope()) {
      assertThat(cache.sessions().get(user, sid)).contains("{\"theme\":\"dark\"}");
    } finally {
      outer.stop();
    }

    TestObservationRegistryAssert.assertThat(observations)
        .hasAnObservation(call -> call.hasNameEqualTo(NAME)
            .hasContextualNameEqualTo("session.get 0")
            .hasLowCardinalityKeyValue("db.system.name", "redis")
            .hasLowCardinalityKeyValue("db.namespace", "0")
            .hasLowCardinalityKeyValue("db.operation.name", "session.get")
            .hasLowCardinalityKeyValue("server.address", server.host())
            .hasLowCardinalityKeyValue("server.port", Integer.toString(server.port()))
            .hasLowCardinalityKeyValue("error.type", "none")
            .hasLowCardinalityKeyValue("citadel.backend", "redis")
            .hasLowCardinalityKeyValue("citadel.client", "obs-it")
            .hasParentObservationEqualTo(outer)
            .doesNotHaveError())
        .forAllObservationsWithNameEqualTo(NAME, call -> call.hasParentObservationEqualTo(outer));
  }

  @Test
  void eachSlotIsItsDatabase() {
    cache.apiCache().put("/v1/chat", "prompt", "answer");

    TestObservationRegistryAssert.assertThat(observations)
        .hasSingleObservationThat()
        .hasLowCardinalityKeyValue("db.namespace", "1")
        .hasBeenStopped();
  }

  @Test
  void noKeyValueCarriesAKeyAUserOrAValue() {
    String user = "user-" + UUID.randomUUID();
    String value = "value-" + UUID.randomUUID();
    String sid = cache.sessions().create(user, value).sessionId();
    cache.sessions().get(user, sid);
    cache.apiCache().put("/v1/" + user, value, value);

    TestObservationRegistryAssert.assertThat(observations).hasHandledContextsThatSatisfy(contexts -> {
      assertThat(contexts).hasSizeGreaterThanOrEqualTo(3);
      for (Observation.Context c : contexts) {
        List<String> texts = new ArrayList<>();
        texts.add(c.getContextualName());
        for (KeyValue kv : c.getAllKeyValues()) {
          texts.add(kv.getKey() + "=" + kv.getValue());
        }
        assertThat(texts).noneMatch(t -> t.contains(user) || t.contains(value) || t.contains(sid)
            || t.contains("session:") || t.contains("cache:api"));
      }
    });
  }

  @Test
  void failedCallStopsWithTheCallersError() {
    try (TestRedis.PrivateServer own = TestRedis.privateServer(); CitadelCache doomed = create(own.server())) {
      String sid = doomed.sessions().create("u", "v").sessionId();
      own.server().stop();
      observations.clear();

      Throwable thrown = catchThrowable(() -> doomed.sessions().get("u", sid));

      assertThat(thrown).isInstanceOf(UnavailableException.class);
      TestObservationRegistryAssert.assertThat(observations)
          .hasSingleObservationThat()
          .hasLowCardinalityKeyValue("db.operation.name", "session.get")
          .hasLowCardinalityKeyValue("error.type", thrown.getClass().getName())
          .hasError(thrown)
          .hasBeenStopped();
    }
  }
}
