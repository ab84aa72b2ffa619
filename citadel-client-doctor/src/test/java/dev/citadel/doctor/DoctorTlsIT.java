package dev.citadel.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.DedicatedPostgres;
import dev.citadel.client.testkit.TestCertificates;
import dev.citadel.client.testkit.TestDatabase;
import dev.citadel.client.testkit.internal.EmbeddedTlsRedisServer;
import dev.citadel.qdrant.local.QdrantLocalServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor's TLS line per backend ({@code postgres.tls}, {@code redis.tls}, {@code qdrant.tls})
 * against the kit's TLS servers: PostgreSQL requiring TLS, Redis with a TLS port and the local
 * Qdrant over TLS, with certificates from throwaway CAs valid for a year, expiring in 10 days,
 * expired, naming another host, or signed by another CA; and the kit's plain-text servers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoctorTlsIT {
  private final List<AutoCloseable> opened = new ArrayList<>();
  private Path dir;
  private TestCertificates year;
  private TestCertificates soon;
  private TestCertificates expired;
  private TestCertificates localhostOnly;
  private TestCertificates otherCa;
  private DedicatedPostgres pgYear;
  private DedicatedPostgres pgSoon;
  private TestDatabase dbYear;
  private TestDatabase dbSoon;
  private EmbeddedTlsRedisServer redisYear;
  private EmbeddedTlsRedisServer redisSoon;
  private EmbeddedTlsRedisServer redisExpired;
  private EmbeddedTlsRedisServer redisLocalhostOnly;
  private QdrantLocalServer qdrantYear;
  private QdrantLocalServer qdrantSoon;

  @BeforeAll
  void start(@TempDir Path tempDir) {
    dir = tempDir;
    year = open(TestCertificates.generateValidFor(Duration.ofDays(366), "localhost", "127.0.0.1"));
    soon = open(TestCertificates.generateValidFor(Duration.ofDays(11), "localhost", "127.0.0.1"));
    expired = open(TestCertificates.generateExpired("localhost", "127.0.0.1"));
    localhostOnly = open(TestCertificates.generateValidFor(Duration.ofDays(366), "localhost"));
    otherCa = open(TestCertificates.generateValidFor(Duration.ofDays(366), "localhost", "127.0.0.1"));
    pgYear = open(DedicatedPostgres.builder().tls(year).requireTls(true).start());
    dbYear = open(pgYear.createDatabase());
    pgSoon = open(DedicatedPostgres.builder().tls(soon).requireTls(true).start());
    dbSoon = open(pgSoon.createDatabase());
    redisYear = EmbeddedTlsRedisServer.launch(year);
    opened.add(redisYear::stop);
    redisSoon = EmbeddedTlsRedisServer.launch(soon);
    opened.add(redisSoon::stop);
    redisExpired = EmbeddedTlsRedisServer.launch(expired);
    opened.add(redisExpired::stop);
    redisLocalhostOnly = EmbeddedTlsRedisServer.launch(localhostOnly);
    opened.add(redisLocalhostOnly::stop);
    qdrantYear = open(QdrantLocalServer.builder().port(0).tls(year.serverCertificate(), year.serverKey()).start());
    qdrantSoon = open(QdrantLocalServer.builder().port(0).tls(soon.serverCertificate(), soon.serverKey()).start());
  }

  @AfterAll
  void stop() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  private <T extends AutoCloseable> T open(T resource) {
    opened.add(resource);
    return resource;
  }

  /** A config of a PostgreSQL, a TLS Redis and a TLS Qdrant, each with its mode and CA file. */
  private YamlConfig deployment(TestDatabase db, String pgHost, String pgMode, Path pgCa,
      EmbeddedTlsRedisServer redis, String redisHost, String redisMode, Path redisCa,
      QdrantLocalServer qdrant, String qdrantMode, Path qdrantCa) {
    YamlConfig yaml = new YamlConfig().with(db).with("database.host", pgHost).with("database.tls.mode", pgMode)
        .with(redis).with("redis.host", redisHost).with("redis.port", redis.tlsPort()).with("redis.tls.mode", redisMode)
        .with(CitadelTestKit.qdrant(qdrant)).with("qdrant.host", "localhost").with("qdrant.tls.mode", qdrantMode);
    if (pgCa != null) {
      yaml.with("database.tls.ca_file", pgCa);
    }
    if (redisCa != null) {
      yaml.with("redis.tls.ca_file", redisCa);
    }
    if (qdrantCa != null) {
      yaml.with("qdrant.tls.ca_file", qdrantCa);
    }
    return yaml;
  }

  private Map<String, JsonNode> tlsLines(YamlConfig yaml, String file) {
    DoctorRun run = DoctorRun.run(Map.of(), "--config", yaml.writeTo(dir.resolve(file)).toString(), "--json");
    Map<String, JsonNode> checks = run.jsonChecks();
    assertThat(checks).containsKeys("postgres.tls", "redis.tls", "qdrant.tls");
    return checks;
  }

  private static LocalDate notAfter(TestCertificates certs) throws Exception {
    try (InputStream in = Files.newInputStream(certs.serverCertificate())) {
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      return LocalDate.ofInstant(cert.getNotAfter().toInstant(), ZoneOffset.UTC);
    }
  }

  @Test
  void verifiedTlsOnEveryBackendPassesWithModeProtocolAndExpiry() throws Exception {
    Map<String, JsonNode> checks = tlsLines(deployment(dbYear, "localhost", "verify-full", year.caCertificate(),
        redisYear, "localhost", "verify-full", year.caCertificate(), qdrantYear, "verify-full", year.caCertificate()),
        "year.yaml");
    for (String name : List.of("postgres.tls", "redis.tls", "qdrant.tls")) {
      JsonNode line = checks.get(name);
      String detail = line.get("detail").asText();
      assertThat(line.get("status").asText()).as(detail).isEqualTo("PASS");
      assertThat(detail).startsWith(name.replace("postgres", "database").replace(".tls", "") + ".tls.mode verify-full; TLSv1.")
          .contains("verified (certificate chain against").contains("host name checked")
          .contains("valid until " + notAfter(year)).doesNotContain("warning");
      JsonNode attrs = line.get("attributes");
      assertThat(attrs.get("mode").asText()).isEqualTo("verify-full");
      assertThat(attrs.get("verified").asBoolean()).isTrue();
      assertThat(attrs.get("warning").asBoolean()).isFalse();
      assertThat(attrs.get("protocol").asText()).isIn("TLSv1.2", "TLSv1.3");
      JsonNode endpoint = attrs.get("endpoints").get(0);
      assertThat(endpoint.get("certificate_days_left").asLong()).isBetween(363L, 365L);
      assertThat(endpoint.get("certificate_expires_soon").asBoolean()).isFalse();
      assertThat(endpoint.get("certificate_subject").asText()).isEqualTo("CN=localhost");
    }
  }

  @Test
  void aCertificateExpiringWithin30DaysIsFlaggedOnEveryBackend() throws Exception {
    Map<String, JsonNode> checks = tlsLines(deployment(dbSoon, "127.0.0.1", "verify-full", soon.caCertificate(),
        redisSoon, "127.0.0.1", "verify-ca", soon.caCertificate(), qdrantSoon, "verify-full", soon.caCertificate()),
        "soon.yaml");
    for (String name : List.of("postgres.tls", "redis.tls", "qdrant.tls")) {
      JsonNode line = checks.get(name);
      String detail = line.get("detail").asText();
      assertThat(line.get("status").asText()).as("a warning, not a failure: %s", detail).isEqualTo("PASS");
      assertThat(detail).contains("warning: certificate CN=localhost expires on " + notAfter(soon))
          .contains("less than 30").contains("renew it");
      assertThat(line.get("attributes").get("warning").asBoolean()).isTrue();
      JsonNode endpoint = line.get("attributes").get("endpoints").get(0);
      assertThat(endpoint.get("certificate_expires_soon").asBoolean()).isTrue();
      assertThat(endpoint.get("certificate_days_left").asLong()).isBetween(8L, 10L);
    }
    assertThat(checks.get("redis.tls").get("detail").asText()).contains("host name not checked: verify-ca");
  }

  @Test
  void handshakeFailuresFailTheLineNamingWhatFailed() {
    Map<String, JsonNode> checks = tlsLines(deployment(dbYear, "localhost", "verify-full", otherCa.caCertificate(),
        redisLocalhostOnly, "127.0.0.1", "verify-full", localhostOnly.caCertificate(),
        qdrantYear, "verify-full", otherCa.caCertificate()), "failing.yaml");
    assertFails(checks.get("postgres.tls"), "UNKNOWN_CA", "unknown CA", "database.tls.ca_file");
    assertFails(checks.get("redis.tls"), "HOST_NAME_MISMATCH", "host name mismatch", "redis.tls.mode");
    assertFails(checks.get("qdrant.tls"), "UNKNOWN_CA", "unknown CA", "qdrant.tls.ca_file");

    Map<String, JsonNode> expiredChecks = tlsLines(deployment(dbYear, "localhost", "verify-full", year.caCertificate(),
        redisExpired, "localhost", "verify-full", expired.caCertificate(), qdrantYear, "verify-full",
        year.caCertificate()), "expired.yaml");
    assertFails(expiredChecks.get("redis.tls"), "EXPIRED", "certificate expired", "redis.tls.mode");
  }

  private static void assertFails(JsonNode line, String reason, String words, String key) {
    String detail = line.get("detail").asText();
    assertThat(line.get("status").asText()).as(detail).isEqualTo("FAIL");
    assertThat(detail).contains(words).contains(key);
    assertThat(line.get("attributes").get("endpoints").get(0).get("failure").asText()).isEqualTo(reason);
    assertThat(line.get("attributes").get("verified").asBoolean()).isFalse();
  }

  @Test
  void anExpiredCertificateAcceptedByRequireStillFailsAndRequireSaysNotVerified() throws Exception {
    Map<String, JsonNode> checks = tlsLines(deployment(dbYear, "localhost", "require", null,
        redisExpired, "localhost", "require", null, qdrantYear, "verify-full", year.caCertificate()), "require.yaml");
    JsonNode pg = checks.get("postgres.tls");
    assertThat(pg.get("status").asText()).isEqualTo("PASS");
    assertThat(pg.get("detail").asText()).contains("not verified (require checks no certificate");
    assertThat(pg.get("attributes").get("verified").asBoolean()).isFalse();
    JsonNode redis = checks.get("redis.tls");
    assertThat(redis.get("status").asText()).isEqualTo("FAIL");
    assertThat(redis.get("detail").asText()).contains("not verified")
        .contains("EXPIRED on " + notAfter(expired));
    assertThat(redis.get("attributes").get("endpoints").get(0).get("certificate_days_left").asLong()).isNegative();
  }

  @Test
  void plainTextBackendsSayPlainTextAndAModeNeedingTlsFailsAgainstThem() {
    TestDatabase plainDb = CitadelTestKit.postgres().createDatabase();
    QdrantLocalServer plainQdrant = QdrantLocalServer.builder().port(0).start();
    try {
      YamlConfig yaml = new YamlConfig().with(plainDb).with("database.tls.mode", "prefer")
          .with(CitadelTestKit.redis()).with("redis.tls.mode", "disable")
          .with(CitadelTestKit.qdrant(plainQdrant));
      Map<String, JsonNode> checks = tlsLines(yaml, "plain.yaml");
      JsonNode pg = checks.get("postgres.tls");
      assertThat(pg.get("status").asText()).isEqualTo("PASS");
      assertThat(pg.get("detail").asText()).isEqualTo("database.tls.mode prefer; the server offers no TLS: plain text"
          + " (prefer falls back)");
      assertThat(pg.get("attributes").get("endpoints").get(0).get("tls").asBoolean()).isFalse();
      assertThat(checks.get("redis.tls").get("detail").asText()).isEqualTo("redis.tls.mode disable; plain text (no TLS)");
      assertThat(checks.get("redis.tls").get("status").asText()).isEqualTo("PASS");
      assertThat(checks.get("qdrant.tls").get("detail").asText()).isEqualTo("qdrant.tls.mode disable; plain text (no TLS)");

      Map<String, JsonNode> required = tlsLines(yaml.with("database.tls.mode", "require"), "plain-require.yaml");
      JsonNode refused = required.get("postgres.tls");
      assertThat(refused.get("status").asText()).isEqualTo("FAIL");
      assertThat(refused.get("detail").asText()).contains("protocol mismatch").contains("the server does not offer TLS")
          .contains("database.tls.mode");
    } finally {
      plainQdrant.close();
      plainDb.close();
    }
  }

  @Test
  void theTableShowsTheTlsLinesAligned() {
    DoctorRun run = DoctorRun.run(Map.of(), "--config", deployment(dbYear, "localhost", "verify-full",
        year.caCertificate(), redisSoon, "localhost", "verify-full", soon.caCertificate(), qdrantYear, "verify-full",
        year.caCertificate()).writeTo(dir.resolve("table.yaml")).toString());
    Map<String, DoctorRun.Row> rows = run.rows();
    assertThat(rows.get("postgres.tls").verdict()).isEqualTo("PASS");
    assertThat(rows.get("redis.tls").verdict()).isEqualTo("PASS");
    assertThat(rows.get("redis.tls").detail()).contains("warning: certificate");
    assertThat(rows.get("qdrant.tls").verdict()).isEqualTo("PASS");
  }
}
