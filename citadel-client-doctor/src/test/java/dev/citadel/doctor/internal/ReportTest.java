package dev.citadel.doctor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.citadel.client.health.HealthCheck;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static final Redactor REDACTOR = Redactor.of("hunter2-password");

  private static Report sample() {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("server_version", "17.6");
    attrs.put("nodes", List.of("127.0.0.1:6379"));
    attrs.put("usage_percent", null);
    attrs.put("leak", "password=hunter2-password");
    return new Report(List.of(
        HealthCheck.up("postgres.pooled", "PostgreSQL 17.6", attrs, Duration.ofMillis(12)),
        HealthCheck.down("redis.ping", "unreachable:\n  connection refused\tfor hunter2-password",
            Duration.ofMillis(1534)),
        HealthCheck.up("qdrant", "ok", Map.of(), Duration.ZERO)), Duration.ofMillis(2345));
  }

  @Test
  void theTableIsAlignedWithOneRowPerLineAndAVerdict() {
    String table = sample().table("citadel.yaml + environment", Duration.ofSeconds(20), REDACTOR);

    assertThat(table).isEqualTo("""
        citadel-doctor: config from citadel.yaml + environment, timeout 20 s
        CHECK            VERDICT  TIME     DETAIL
        postgres.pooled  PASS       12 ms  PostgreSQL 17.6
        redis.ping       FAIL     1534 ms  unreachable: connection refused for ******
        qdrant           PASS        0 ms  ok
        VERDICT: UNHEALTHY, 1 of 3 checks failed (2.3 s): redis.ping
        """);
  }

  @Test
  void aHealthyVerdictCountsTheChecks() {
    Report report = new Report(List.of(HealthCheck.up("qdrant", "ok", Map.of(), Duration.ZERO)),
        Duration.ofMillis(250));

    assertThat(report.healthy()).isTrue();
    assertThat(report.verdictLine()).isEqualTo("VERDICT: HEALTHY, all 1 checks passed (250 ms)");
  }

  @Test
  void jsonHasTheChecksTheVerdictAndNoSecret() throws Exception {
    String text = sample().json("citadel.yaml + environment", Duration.ofSeconds(20), REDACTOR);
    JsonNode json = new ObjectMapper().readTree(text);

    assertThat(text).doesNotContain("hunter2-password");
    assertThat(json.get("healthy").asBoolean()).isFalse();
    assertThat(json.get("verdict").asText()).isEqualTo("UNHEALTHY");
    assertThat(json.get("config").asText()).isEqualTo("citadel.yaml + environment");
    assertThat(json.get("timeout_ms").asLong()).isEqualTo(20_000);
    assertThat(json.get("elapsed_ms").asLong()).isEqualTo(2345);
    assertThat(json.get("failed").toString()).isEqualTo("[\"redis.ping\"]");
    JsonNode first = json.get("checks").get(0);
    assertThat(first.get("name").asText()).isEqualTo("postgres.pooled");
    assertThat(first.get("status").asText()).isEqualTo("PASS");
    assertThat(first.get("elapsed_ms").asLong()).isEqualTo(12);
    assertThat(first.get("attributes").toString())
        .isEqualTo("{\"server_version\":\"17.6\",\"nodes\":[\"127.0.0.1:6379\"],\"usage_percent\":null,"
            + "\"leak\":\"password=******\"}");
    JsonNode second = json.get("checks").get(1);
    assertThat(second.get("status").asText()).isEqualTo("FAIL");
    assertThat(second.get("detail").asText()).isEqualTo("unreachable:\n  connection refused\tfor ******");
  }

  @Test
  void secondsAreShortAndReadable() {
    assertThat(Report.seconds(Duration.ofMillis(999))).isEqualTo("999 ms");
    assertThat(Report.seconds(Duration.ofSeconds(20))).isEqualTo("20 s");
    assertThat(Report.seconds(Duration.ofMillis(1550))).isEqualTo("1.6 s");
  }
}
