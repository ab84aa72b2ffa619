package dev.citadel.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.citadel.client.audit.AuditLog;
import dev.citadel.client.testkit.TestDatabase;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.PointId;
import dev.citadel.client.vector.VectorPoint;
import dev.citadel.spring.boot.app.CitadelTestApplication;
import dev.citadel.spring.boot.test.CitadelTestKitServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application of {@link CitadelTestApplication} booted on the test kit's real PostgreSQL,
 * Redis and Qdrant with a real web server on a random port: a routed query, a cached value and a
 * vector search served over HTTP, every citadel health component UP at {@code /actuator/health},
 * the SDK's meters in Boot's registry, and the audit buffer flushed into PostgreSQL when the
 * context closes. Runs on each starter's Boot version.
 */
@SpringBootTest(classes = CitadelTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "citadel.database.migrations.run-on-start=true",
        "citadel.database.expose-data-source=true",
        "citadel.audit.flush-interval=1h",
        "management.endpoints.web.exposure.include=health,metrics",
        "management.endpoint.health.show-details=always",
        "management.endpoint.health.probes.enabled=true",
        "management.endpoint.health.group.readiness.show-details=always"})
@CitadelTestKitServers
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class CitadelApplicationIT {
  /** Set by the test, checked after Spring closed its context. */
  private static TestDatabase db;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Autowired
  ConfigurableApplicationContext context;
  @Value("${local.server.port}")
  int port;

  @Test
  void servesQueriesCacheAndVectorsReportsHealthAndMetricsAndFlushesTheAuditLogOnClose() throws Exception {
    db = context.getBean(TestDatabase.class);
    CitadelVectors vectors = context.getBean(CitadelVectors.class);
    vectors.ensure(CollectionSpec.builder(CitadelTestApplication.COLLECTION, 3).build());
    vectors.upsert(CitadelTestApplication.COLLECTION, List.of(
        new VectorPoint(PointId.of(7), new float[] {1f, 0f, 0f}, Map.of()),
        new VectorPoint(PointId.of(8), new float[] {0f, 1f, 0f}, Map.of())));
    String base = "http://127.0.0.1:" + port;

    assertThat(get(base + "/chat?model=mixtral&prompt=hello").body()).isEqualTo("1|answer-1|7");
    assertThat(get(base + "/chat?model=mixtral&prompt=hello").body())
        .as("second call: one more routed row, the cached answer").isEqualTo("2|answer-1|7");
    assertThat(get(base + "/chat?model=phi3&prompt=other").body()).isEqualTo("1|answer-2|7");

    HttpResponse<String> health = get(base + "/actuator/health");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    JsonNode citadel = JSON.readTree(health.body()).path("components").path("citadel");
    assertThat(citadel.path("status").asText()).as(health.body()).isEqualTo("UP");
    List<String> components = new ArrayList<>();
    citadel.path("components").fieldNames().forEachRemaining(components::add);
    assertThat(components).contains("postgres-pooled", "postgres-direct", "schemas", "migrations", "redis",
        "qdrant", "audit");
    components.forEach(c -> assertThat(citadel.path("components").path(c).path("status").asText())
        .as(c).isEqualTo("UP"));
    assertThat(citadel.path("components").path("schemas").path("details").has("schema.mixtral")).isTrue();

    JsonNode readiness = JSON.readTree(get(base + "/actuator/health/readiness").body());
    assertThat(readiness.path("components").has("citadel")).as(readiness.toString()).isTrue();

    JsonNode meters = JSON.readTree(get(base + "/actuator/metrics").body()).path("names");
    List<String> names = new ArrayList<>();
    meters.forEach(n -> names.add(n.asText()));
    assertThat(names).contains("citadel.calls", "citadel.breaker.state");
    JsonNode calls = JSON.readTree(get(base + "/actuator/metrics/citadel.calls").body());
    assertThat(calls.path("measurements").get(0).path("value").asDouble()).as(calls.toString()).isGreaterThan(0);

    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM mixtral.usage_statistics", Long.class))
        .as("JdbcTemplate on the exposed pooled endpoint").isEqualTo(2L);

    AuditLog audit = context.getBean(AuditLog.class);
    assertThat(audit.stats().accepted()).isEqualTo(3);
    assertThat(audit.stats().written()).as("flush interval 1h: nothing written before close").isZero();
  }

  /** After the test, Spring closed the context ({@code @DirtiesContext}): the buffered events are in PostgreSQL. */
  @AfterAll
  static void theAuditBufferWasFlushedWhenTheContextClosed() throws Exception {
    assertThat(db).as("the test ran").isNotNull();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM audit.logs WHERE action = 'chat.completion'")) {
      rs.next();
      assertThat(rs.getLong(1)).as("audit events written when the context closed").isEqualTo(3);
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
