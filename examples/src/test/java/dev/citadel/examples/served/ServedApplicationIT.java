package dev.citadel.examples.served;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.PostgresServer;
import dev.citadel.client.testkit.TcpProxy;
import dev.citadel.client.testkit.TestDatabase;
import dev.citadel.qdrant.local.QdrantLocalServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The served application booted on the test kit's PostgreSQL (behind the kit's {@link TcpProxy},
 * so the test can cut it), the kit's Redis and a private local Qdrant, driven over real HTTP. The
 * methods run in order on one application; the last one cuts PostgreSQL mid-traffic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServedApplicationIT {
  private static final int RATE_LIMIT = 20;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** Suffixes questions: against a Redis that outlives the run, the first ask must still miss the cache. */
  private static final String RUN = Long.toString(System.nanoTime(), 36);

  /** Finished spans, in memory (the application's logging exporter is off here). */
  @Configuration(proxyBeanMethods = false)
  static class InMemoryTracing {
    @Bean
    InMemorySpanExporter inMemorySpanExporter() {
      return InMemorySpanExporter.create();
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private TestDatabase db;
  private TcpProxy proxy;
  private QdrantLocalServer qdrant;
  private ConfigurableApplicationContext context;
  private String base;
  private String adminKey;
  private SimulatedModel model;
  private InMemorySpanExporter spans;

  @BeforeAll
  void start() throws Exception {
    PostgresServer postgres = CitadelTestKit.postgres();
    db = postgres.createDatabase("citadel_served");
    proxy = TcpProxy.start(postgres.host(), postgres.port());
    qdrant = QdrantLocalServer.start(0);
    // the kit's key spelling (snake_case), so a value set here replaces the kit's in this one map
    Map<String, Object> properties = new HashMap<>();
    CitadelTestKit.config(proxy.database(db), CitadelTestKit.redis(), CitadelTestKit.qdrant(qdrant)).values()
        .forEach((key, value) -> properties.put("citadel." + key, value));
    properties.put("citadel.auth.key_pepper", "served-it-pepper-0123456789");
    properties.put("citadel.audit.spill.directory", Files.createTempDirectory("served-it-audit").toString());
    properties.put("citadel.database.pool.wait_timeout", "2s");
    properties.put("citadel.database.direct_pool.wait_timeout", "2s");
    properties.put("citadel.database.connect_timeout", "2s");
    properties.put("citadel.resilience.circuit_breaker.delay", "1s");
    properties.put("citadel.qdrant.sync.interval", "200ms");
    properties.put("served.rate-limit-per-minute", RATE_LIMIT);
    properties.put("served.model-latency", "2ms");
    properties.put("served.model-failure-rate", "0");
    properties.put("served.tracing-log", "false");
    properties.put("management.opentelemetry.tracing.export.schedule-delay", "100ms");
    properties.put("server.port", "0");
    context = new SpringApplicationBuilder(ServedApplication.class, InMemoryTracing.class).properties(properties)
        .run();
    base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    adminKey = context.getBean(StartupKeys.class).adminKey().orElseThrow().plaintext();
    model = context.getBean(SimulatedModel.class);
    spans = context.getBean(InMemorySpanExporter.class);
  }

  @AfterAll
  void stop() {
    if (context != null) {
      context.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (qdrant != null) {
      qdrant.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  @Order(1)
  void aChatWithAValidKeyIsServedRecordedAuditedAndCachedOnRepeat() throws Exception {
    String key = issueKey("alice");
    long calls = model.calls();
    String question = "How are API keys stored? (run " + RUN + ")";
    HttpResponse<String> first = chat(key, null, "mixtral", question);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(first.body());
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("choices").get(0).path("message").path("content").asText())
        .startsWith("[simulated mixtral]").contains(question);
    assertThat(first.headers().firstValue("X-Cache")).hasValue("miss");
    assertThat(model.calls()).isEqualTo(calls + 1);
    String requestId = first.headers().firstValue("X-Request-Id").orElseThrow();
    String session = first.headers().firstValue("X-Session-Id").orElseThrow();

    HttpResponse<String> repeat = chat(key, session, "mixtral", question);
    assertThat(repeat.statusCode()).as(repeat.body()).isEqualTo(200);
    assertThat(repeat.headers().firstValue("X-Cache")).as("the same request again").hasValue("hit");
    assertThat(JSON.readTree(repeat.body()).path("choices").get(0).path("message").path("content").asText())
        .isEqualTo(body.path("choices").get(0).path("message").path("content").asText());
    assertThat(model.calls()).as("a cache hit calls no model").isEqualTo(calls + 1);
    assertThat(repeat.headers().firstValue("X-Session-Id")).as("the session was found").hasValue(session);

    assertThat(count("SELECT count(*) FROM mixtral.usage_statistics WHERE request_id = ? AND user_id = 'alice'",
        requestId)).as("usage row in the model's schema").isEqualTo(1);
    assertThat(count("SELECT count(*) FROM phi3.usage_statistics WHERE request_id = ?", requestId)).isZero();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(count(
        "SELECT count(*) FROM audit.logs WHERE request_id = ? AND action = 'chat.completion'"
            + " AND outcome = 'success'", requestId)).as("audit row").isEqualTo(1));
    assertThat(count("SELECT count(*) FROM mcp.messages WHERE conversation_id = ?", session + ".mixtral"))
        .as("conversation memory: the question and the answer, durable").isEqualTo(2);
    FollowUpWorker worker = context.getBean(FollowUpWorker.class);
    await().atMost(Duration.ofSeconds(20)).until(() -> worker.processed() >= 2);
  }

  @Test
  @Order(2)
  void aBadKeyIsRefusedWithoutAModelCallAndBadRequestsGetTheirStatus() throws Exception {
    long calls = model.calls();
    HttpResponse<String> bad = chat("ck_nosuchkey_0123456789abcdef0123456789abcdef", null, "mixtral", "Hello?");
    assertError(bad, 401, "authentication_error", "invalid_api_key");
    assertError(chat(null, null, "mixtral", "Hello?"), 401, "authentication_error", "missing_api_key");
    String key = issueKey("bob");
    assertError(chat(key, null, "no-such-model", "Hello?"), 404, "invalid_request_error", "model_not_found");
    assertError(post("/v1/chat/completions", key, "{\"model\": \"mixtral\", \"stream\": true, \"messages\":"
        + " [{\"role\": \"user\", \"content\": \"Hi\"}]}"), 400, "invalid_request_error", "stream_not_supported");
    assertError(post("/v1/chat/completions", key, "{not json"), 400, "invalid_request_error", "invalid_body");
    assertError(post("/admin/keys", key, "{\"owner\": \"eve\"}"), 403, "permission_error", "admin_scope_required");
    assertError(get("/v1/nothing-here", key), 404, "invalid_request_error", "unknown_url");
    assertThat(model.calls()).as("no model call for a refused request").isEqualTo(calls);
  }

  @Test
  @Order(3)
  void aKeyOverItsRateLimitGets429() throws Exception {
    String key = issueKey("mallory");
    List<Integer> statuses = new ArrayList<>();
    HttpResponse<String> limited = null;
    for (int i = 0; i < RATE_LIMIT + 3; i++) {
      HttpResponse<String> r = chat(key, null, "phi3", "Burst question " + (i % 2));
      statuses.add(r.statusCode());
      if (r.statusCode() == 429 && limited == null) {
        limited = r;
      }
    }
    assertThat(statuses.subList(0, RATE_LIMIT)).as(statuses.toString()).containsOnly(200);
    assertThat(statuses.subList(RATE_LIMIT, statuses.size())).containsOnly(429);
    assertError(limited, 429, "rate_limit_error", "rate_limit_exceeded");
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    String id = limited.headers().firstValue("X-Request-Id").orElseThrow();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(count(
        "SELECT count(*) FROM audit.logs WHERE request_id = ? AND outcome = 'denied'", id)).isEqualTo(1));
  }

  @Test
  @Order(4)
  void anIngestedTextIsRetrievedByASearchAndByTheChat() throws Exception {
    String key = issueKey("carol");
    String text = "The zebra-7 reactor vents argon every Tuesday at noon. Its operator is called Quentin.";
    HttpResponse<String> ingested = post("/v1/documents", key, "{\"title\": \"Reactor notes\", \"text\": \""
        + text + "\", \"tags\": [\"reactors\"]}");
    assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(201);
    assertThat(JSON.readTree(ingested.body()).path("chunks").asInt()).isEqualTo(1);

    String search = "{\"query\": \"When does the zebra-7 reactor vent argon?\", \"tags\": [\"reactors\"], \"limit\": 3}";
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
      HttpResponse<String> found = post("/v1/documents/search", key, search);
      assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
      assertThat(JSON.readTree(found.body()).path("data").get(0).path("content").asText()).isEqualTo(text);
    });
    HttpResponse<String> answer = chat(key, null, "mixtral", "When does the zebra-7 reactor vent argon?");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(JSON.readTree(answer.body()).path("choices").get(0).path("message").path("content").asText())
        .as("the retrieved chunk is the model's first source").contains("sources: " + text);
  }

  @Test
  @Order(5)
  void healthIsUpWithCitadelComponentsAndPrometheusHasCitadelMeters() throws Exception {
    HttpResponse<String> health = get("/actuator/health", null);
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    JsonNode citadel = JSON.readTree(health.body()).path("components").path("citadel");
    assertThat(citadel.path("status").asText()).isEqualTo("UP");
    for (String component : List.of("postgres-pooled", "postgres-direct", "schemas", "migrations", "redis", "qdrant",
        "audit")) {
      assertThat(citadel.path("components").path(component).path("status").asText()).as(component).isEqualTo("UP");
    }
    HttpResponse<String> readiness = get("/actuator/health/readiness", null);
    assertThat(JSON.readTree(readiness.body()).path("components").path("citadel").path("status").asText())
        .as(readiness.body()).isEqualTo("UP");
    assertThat(JSON.readTree(get("/actuator/health/liveness", null).body()).path("status").asText()).isEqualTo("UP");

    HttpResponse<String> prometheus = get("/actuator/prometheus", null);
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body())
        .contains("citadel_calls_seconds_count{")
        .contains("citadel_breaker_state{")
        .containsPattern("served_sdk_calls_seconds_bucket\\{.*operation=\"" + SdkCalls.VECTOR_TOP10 + "\"")
        .containsPattern("served_sdk_calls_seconds_bucket\\{.*operation=\"" + SdkCalls.SESSION_LOOKUP + "\"")
        .contains("served_model_calls_seconds_count");
  }

  @Test
  @Order(6)
  void aChatRequestIsOneTraceWithPostgresRedisAndQdrantSpans() throws Exception {
    String key = issueKey("dave");
    spans.reset();
    HttpResponse<String> r = chat(key, null, "mixtral", "Which spans does a traced request make? " + RUN);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    AttributeKey<String> system = AttributeKey.stringKey("db.system.name");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Map<String, List<SpanData>> traces = spans.getFinishedSpanItems().stream()
          .collect(Collectors.groupingBy(SpanData::getTraceId));
      assertThat(traces.values()).anySatisfy(trace -> {
        assertThat(trace).anySatisfy(s -> assertThat(s.getName()).contains("/v1/chat/completions"));
        assertThat(trace.stream().map(s -> s.getAttributes().get(system)).collect(Collectors.toSet()))
            .contains("postgresql", "redis", "qdrant");
      });
    });
  }

  @Test
  @Order(7)
  void postgresCutMidTrafficGives503sAndHealthDownThenRecoversWithNoAuditEventLost() throws Exception {
    // one key per client and phase: each stays under the per-key rate limit of this test
    List<String> before = List.of(issueKey("erin"), issueKey("frank"));
    List<String> during = List.of(issueKey("grace"), issueKey("heidi"));
    Map<String, Integer> statusOf = new ConcurrentHashMap<>();
    List<HttpResponse<String>> unavailable = new CopyOnWriteArrayList<>();
    for (String key : during) {
      // verified once now, so the key check is answered from Redis while PostgreSQL is away
      assertThat(record(chat(key, null, "phi3", "Warm-up " + RUN), statusOf, unavailable).statusCode()).isEqualTo(200);
    }
    CountDownLatch warm = new CountDownLatch(2);
    CountDownLatch done = new CountDownLatch(2);
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    for (int c = 0; c < 2; c++) {
      String key = before.get(c);
      int client = c;
      Thread t = new Thread(() -> {
        try {
          int ok = 0;
          for (int i = 0; i < RATE_LIMIT - 2; i++) {
            // half repeats (cache hits), half new questions (misses)
            String question = i % 2 == 0 ? "Outage question " + client + " " + RUN : "Outage question " + client
                + "-" + i + " " + RUN;
            HttpResponse<String> r = record(chat(key, null, i % 2 == 0 ? "mixtral" : "phi3", question), statusOf,
                unavailable);
            if (r.statusCode() == 200 && ++ok == 3) {
              warm.countDown(); // the main thread cuts PostgreSQL while this client keeps sending
            }
          }
        } catch (Throwable e) {
          failures.add(e);
        } finally {
          warm.countDown();
          done.countDown();
        }
      }, "served-it-client-" + c);
      t.start();
    }
    warm.await();
    proxy.cut();
    done.await();
    assertThat(failures).isEmpty();
    for (String key : during) {
      for (int i = 0; i < 3; i++) {
        record(chat(key, null, "mixtral", "Asked while PostgreSQL is away " + i + " " + RUN), statusOf, unavailable);
      }
    }
    assertThat(unavailable).hasSizeGreaterThanOrEqualTo(during.size() * 3);
    for (HttpResponse<String> r : unavailable) {
      assertError(r, 503, "service_unavailable", "backend_unavailable");
      assertThat(r.headers().firstValue("Retry-After")).isPresent();
      assertThat(r.body()).doesNotContain("Exception").doesNotContain("at dev.");
    }
    HttpResponse<String> health = get("/actuator/health", null);
    assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
    JsonNode citadel = JSON.readTree(health.body()).path("components").path("citadel");
    assertThat(citadel.path("status").asText()).isEqualTo("DOWN");
    assertThat(citadel.path("components").path("postgres-pooled").path("status").asText()).isEqualTo("DOWN");
    assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(get("/actuator/health/liveness", null).body()).path("status").asText())
        .as("liveness does not depend on a backend").isEqualTo("UP");

    proxy.restore();
    AtomicInteger attempt = new AtomicInteger();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
      HttpResponse<String> issued = post("/admin/keys", adminKey, "{\"owner\": \"ivan\"}");
      if (issued.statusCode() != 201) {
        return false;
      }
      String key = JSON.readTree(issued.body()).path("key").asText();
      return record(chat(key, null, "mixtral", "Back again " + attempt.incrementAndGet() + " " + RUN), statusOf,
          unavailable).statusCode() == 200;
    });
    await().atMost(Duration.ofSeconds(20)).until(() -> get("/actuator/health", null).statusCode() == 200);

    Set<String> audited = Set.copyOf(statusOf.keySet());
    assertThat(statusOf.values()).contains(200, 503);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
        count("SELECT count(*) FROM audit.logs WHERE request_id = ANY(?)", audited))
        .as("one audit event per request, none lost or doubled").isEqualTo(audited.size()));
    assertThat(count("SELECT count(*) FROM audit.logs WHERE request_id = ANY(?) AND outcome = 'failure'", audited))
        .isEqualTo(statusOf.values().stream().filter(s -> s == 503).count());
  }

  private static HttpResponse<String> record(HttpResponse<String> r, Map<String, Integer> statusOf,
      List<HttpResponse<String>> unavailable) {
    r.headers().firstValue("X-Request-Id").ifPresent(id -> statusOf.put(id, r.statusCode()));
    if (r.statusCode() == 503) {
      unavailable.add(r);
    }
    return r;
  }

  private String issueKey(String owner) throws Exception {
    HttpResponse<String> r = post("/admin/keys", adminKey, "{\"owner\": \"" + owner + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).path("key").asText();
  }

  private HttpResponse<String> chat(String key, String session, String model, String question) throws Exception {
    HttpRequest.Builder b = request("/v1/chat/completions", key).POST(HttpRequest.BodyPublishers.ofString(
        "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"" + question + "\"}]}"));
    if (session != null) {
      b.header("X-Session-Id", session);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String key, String json) throws Exception {
    return http.send(request(path, key).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String key) throws Exception {
    return http.send(request(path, key).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json");
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return b;
  }

  private static void assertError(HttpResponse<String> r, int status, String type, String code) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonNode error = JSON.readTree(r.body()).path("error");
    assertThat(error.path("type").asText()).as(r.body()).isEqualTo(type);
    assertThat(error.path("code").asText()).as(r.body()).isEqualTo(code);
    assertThat(error.path("message").asText()).as(r.body()).isNotBlank();
    assertThat(JSON.readTree(r.body()).properties()).hasSize(1);
  }

  private long count(String sql, Object parameter) throws Exception {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
        PreparedStatement st = c.prepareStatement(sql)) {
      if (parameter instanceof Set<?> set) {
        Array array = c.createArrayOf("text", set.toArray());
        st.setArray(1, array);
      } else {
        st.setObject(1, parameter);
      }
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
