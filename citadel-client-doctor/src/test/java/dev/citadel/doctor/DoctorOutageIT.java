package dev.citadel.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.citadel.client.Citadel;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.DedicatedPostgres;
import dev.citadel.client.testkit.QdrantServer;
import dev.citadel.client.testkit.RedisServer;
import dev.citadel.client.testkit.TestDatabase;
import dev.citadel.client.vector.CitadelVectors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor when PostgreSQL is down: it must answer non-zero within a bounded time and name the
 * failing lines.
 *
 * <p>{@link #BOUND} is the contract's bound, not a speed target: with the default
 * {@code --timeout} of 20 s every check ends by then (a refused connection fails its line after
 * the doctor's connect bound of 5 s per endpoint), plus at most 5 s to close the clients.
 */
class DoctorOutageIT {
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  @Test
  void aStoppedPostgresFailsItsLinesAndTheRestStillPass() {
    RedisServer redis = CitadelTestKit.redis();
    QdrantServer qdrant = CitadelTestKit.qdrant();
    try (DedicatedPostgres pg = DedicatedPostgres.builder().start()) {
      TestDatabase db = pg.createDatabase();
      Path config = new YamlConfig()
          .with(db)
          .with(redis)
          .with(qdrant)
          .writeTo(dir.resolve("citadel.yaml"));
      try (Citadel citadel = Citadel.create(CitadelConfig.loader().environment(Map.of()).file(config).load())) {
        citadel.database().migrate();
        citadel.extension(CitadelVectors.class).orElseThrow().ensureDefaultCollections();
      }
      DoctorRun healthy = DoctorRun.run(Map.of(), "--config", config.toString(), "--default-collections");
      assertThat(healthy.code()).as("before the outage:%n%s", healthy.out()).isEqualTo(Doctor.EXIT_HEALTHY);

      pg.stop();

      DoctorRun table = assertTimeoutPreemptively(BOUND,
          () -> DoctorRun.run(Map.of(), "--config", config.toString(), "--default-collections"));
      assertThat(table.code()).isEqualTo(Doctor.EXIT_UNHEALTHY);
      Map<String, DoctorRun.Row> rows = table.rows();
      for (String name : List.of("postgres.pooled", "postgres.direct", "schema.mixtral", "schema.yi34", "migrations",
          "postgres.pooler", "qdrant.registered")) {
        assertThat(rows.get(name).verdict()).as(name).isEqualTo("FAIL");
      }
      assertThat(rows.get("postgres.pooled").detail()).startsWith("unreachable: ")
          .contains("last connection failure: Connection to " + db.host() + ":" + db.port() + " refused");
      assertThat(rows.get("postgres.direct").detail()).startsWith("unreachable: ").contains("refused");
      assertThat(rows.get("migrations").detail()).isEqualTo("not checked: direct endpoint unreachable");
      for (String name : List.of("redis.ping", "redis.roundtrip", "redis.memory", "qdrant",
          "qdrant.collection.documents", "qdrant.collection.code")) {
        assertThat(rows.get(name).verdict()).as(name).isEqualTo("PASS");
      }
      assertThat(table.verdictLine()).startsWith("VERDICT: UNHEALTHY, ")
          .contains("checks failed").contains(": postgres.pooled, postgres.direct, schema.");

      DoctorRun json = assertTimeoutPreemptively(BOUND,
          () -> DoctorRun.run(Map.of(), "--config", config.toString(), "--json", "--default-collections"));
      assertThat(json.code()).isEqualTo(Doctor.EXIT_UNHEALTHY);
      JsonNode report = json.json();
      assertThat(report.get("healthy").asBoolean()).isFalse();
      assertThat(report.get("verdict").asText()).isEqualTo("UNHEALTHY");
      assertThat(report.get("failed").toString())
          .contains("\"postgres.pooled\"", "\"postgres.direct\"", "\"migrations\"");
      assertThat(json.jsonChecks().get("postgres.pooled").get("status").asText()).isEqualTo("FAIL");

      for (DoctorRun run : List.of(table, json)) {
        assertThat(run.out()).doesNotContain(db.password());
        assertThat(run.err()).doesNotContain(db.password());
      }
    }
  }

  /**
   * A PostgreSQL port that accepts TCP connections and never answers (a hung server: the
   * listening socket's backlog completes the handshake, nobody reads): the overall deadline ends
   * the run, and every line not finished by then fails as "timed out".
   */
  @Test
  void checksStillRunningAtTheDeadlineFailAsTimedOut() throws IOException {
    try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Path config = new YamlConfig()
          .database("127.0.0.1", hung.getLocalPort(), "citadel", "citadel_app", "not-a-real-password")
          .writeTo(dir.resolve("hung.yaml"));

      DoctorRun run = assertTimeoutPreemptively(BOUND,
          () -> DoctorRun.run(Map.of(), "--config", config.toString(), "--timeout", "1s", "--json"));

      assertThat(run.code()).isEqualTo(Doctor.EXIT_UNHEALTHY);
      JsonNode report = run.json();
      assertThat(report.get("timeout_ms").asLong()).isEqualTo(1000);
      assertThat(report.get("elapsed_ms").asLong()).as("the deadline is waited for").isGreaterThanOrEqualTo(1000);
      Map<String, JsonNode> checks = run.jsonChecks();
      for (String name : List.of("postgres.pooled", "postgres.direct", "schema.deepseek", "migrations",
          "pool.pooled", "pool.direct", "postgres.pooler")) {
        assertThat(checks.get(name).get("status").asText()).as(name).isEqualTo("FAIL");
        assertThat(checks.get(name).get("detail").asText()).as(name)
            .isEqualTo("timed out: no result within 1 s (--timeout)");
      }
      assertThat(checks.get("redis").get("status").asText()).isEqualTo("PASS");
      assertThat(report.get("failed")).hasSize(checks.size() - 2);
    }
  }
}
