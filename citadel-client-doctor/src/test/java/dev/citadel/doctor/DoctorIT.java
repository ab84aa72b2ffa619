package dev.citadel.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.citadel.client.Citadel;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.RedisServer;
import dev.citadel.client.testkit.TestDatabase;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.sync.VectorSync;
import dev.citadel.qdrant.local.QdrantLocalServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor against a deployment on real servers from the test kit: a migrated PostgreSQL
 * database, a password-protected Redis with an ACL user, and the vector module's Qdrant-compatible
 * server with an API key, holding the four seed collections and one collection registered through
 * {@link VectorSync}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoctorIT {
  private static final String REGISTERED = "doctor_notes";

  private Path dir;
  private TestDatabase db;
  private RedisServer redis;
  private QdrantLocalServer qdrant;
  private final String qdrantApiKey = "qk-" + UUID.randomUUID();
  private final String pepper = "pepper-" + UUID.randomUUID();
  private Path config;

  @BeforeAll
  void deploy(@TempDir Path tempDir) {
    dir = tempDir;
    db = CitadelTestKit.postgres().createDatabase();
    redis = CitadelTestKit.securedRedis();
    qdrant = QdrantLocalServer.builder().port(0).apiKey(qdrantApiKey).start();
    config = new YamlConfig()
        .with(db)
        .with(redis)
        .with(CitadelTestKit.qdrant(qdrant))
        .with("auth.key_pepper", pepper)
        .writeTo(dir.resolve("citadel.yaml"));
    // What a deployment does once: migrate, create the seed collections, register its own.
    try (Citadel citadel = Citadel.create(CitadelConfig.loader().environment(Map.of()).file(config).load())) {
      citadel.database().migrate();
      CitadelVectors vectors = citadel.extension(CitadelVectors.class).orElseThrow();
      vectors.ensureDefaultCollections();
      try (VectorSync sync = VectorSync.create(citadel.database(), vectors)) {
        sync.registerCollection(CollectionSpec.builder(REGISTERED, 8).build());
      }
    }
  }

  @AfterAll
  void tearDown() {
    if (qdrant != null) {
      qdrant.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void everyLinePassesInTheTableAgainstTheEmbeddedServices() {
    DoctorRun run = DoctorRun.run(Map.of(), "--config", config.toString(), "--default-collections");

    assertThat(run.code()).as(run.out()).isEqualTo(Doctor.EXIT_HEALTHY);
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).startsWith("citadel-doctor: config from " + config + " + environment, timeout 20 s\n");
    Map<String, DoctorRun.Row> rows = run.rows();
    assertThat(rows.keySet()).containsAll(expectedLines());
    assertThat(rows.values()).allSatisfy(r -> assertThat(r.verdict()).as(r.name() + ": " + r.detail()).isEqualTo("PASS"));
    assertThat(rows.get("postgres.pooled").detail()).contains("PostgreSQL", db.name());
    assertThat(rows.get("migrations").detail()).contains("0 pending");
    assertThat(rows.get("redis.ping").detail()).startsWith("Redis ");
    assertThat(rows.get("qdrant.registered").detail()).contains(REGISTERED);
    assertThat(rows.get("qdrant.collection.code").detail()).contains("4096-d Cosine", "matches the seed spec");
    assertThat(rows.get("qdrant.collection." + REGISTERED).detail()).contains("8-d Cosine", "registration");
    assertThat(run.verdictLine()).matches("VERDICT: HEALTHY, all " + rows.size() + " checks passed \\((\\d+ ms|[\\d.]+ s)\\)");
  }

  @Test
  void jsonSaysTheSameForMachinesWithTheConfigFromCitadelConfig() {
    DoctorRun run = DoctorRun.run(Map.of(Doctor.CONFIG_VARIABLE, config.toString()), "--json",
        "--default-collections");

    assertThat(run.code()).as(run.out()).isEqualTo(Doctor.EXIT_HEALTHY);
    assertThat(run.err()).isEmpty();
    JsonNode json = run.json();
    assertThat(json.get("healthy").asBoolean()).isTrue();
    assertThat(json.get("verdict").asText()).isEqualTo("HEALTHY");
    assertThat(json.get("config").asText()).isEqualTo(config + " + environment");
    assertThat(json.get("timeout_ms").asLong()).isEqualTo(20_000);
    assertThat(json.get("failed")).isEmpty();
    Map<String, JsonNode> checks = run.jsonChecks();
    assertThat(checks.keySet()).containsAll(expectedLines());
    assertThat(checks.values()).allSatisfy(c -> {
      assertThat(c.get("status").asText()).as(c.toString()).isEqualTo("PASS");
      assertThat(c.get("detail").asText()).isNotBlank();
      assertThat(c.get("elapsed_ms").isIntegralNumber()).isTrue();
      assertThat(c.get("elapsed_ms").asLong()).isNotNegative();
    });
    assertThat(checks.get("postgres.direct").get("attributes").get("database").asText()).isEqualTo(db.name());
    assertThat(checks.get("qdrant.collection.documents").get("attributes").get("vector_size").asInt()).isEqualTo(768);
    assertThat(checks.get("redis.roundtrip").get("attributes").get("database").asInt()).isEqualTo(7);
  }

  /**
   * Without {@code --default-collections} the doctor expects only what the config declares: an
   * application that creates and registers just the collections it uses is HEALTHY here too.
   */
  @Test
  void byDefaultOnlyTheDeclaredCollectionsAreExpected() {
    try (QdrantLocalServer other = QdrantLocalServer.start(0)) {
      Path otherConfig = configHolding(other, "registered-only.yaml", CollectionSpec.builder(REGISTERED, 8).build());

      DoctorRun plain = DoctorRun.run(Map.of(), "--config", otherConfig.toString());
      assertThat(plain.code()).as(plain.out()).isEqualTo(Doctor.EXIT_HEALTHY);
      assertThat(plain.rows()).containsKey("qdrant.collection." + REGISTERED)
          .doesNotContainKeys("qdrant.collection.documents", "qdrant.collection.chat_history",
              "qdrant.collection.code", "qdrant.collection.knowledge");

      DoctorRun asked = DoctorRun.run(Map.of(), "--config", otherConfig.toString(), "--default-collections");
      assertThat(asked.code()).isEqualTo(Doctor.EXIT_UNHEALTHY);
      assertThat(asked.rows().get("qdrant.collection.documents").detail()).startsWith("missing: the seed spec expects it");
    }
  }

  @Test
  void secretsAreNeverPrinted() {
    List<String> secrets = List.of(db.password(), redis.password(), qdrantApiKey, pepper);
    assertThat(secrets).allSatisfy(s -> assertThat(s).hasSizeGreaterThanOrEqualTo(8));
    List<DoctorRun> runs = new ArrayList<>();
    runs.add(DoctorRun.run(Map.of(), "--config", config.toString()));
    runs.add(DoctorRun.run(Map.of(), "--config", config.toString(), "--json"));
    // A failing run too: Redis refuses a wrong password, and that path prints server errors.
    Path wrong = new YamlConfig()
        .with(db)
        .with(redis).with("redis.password", redis.password() + "-wrong")
        .with(CitadelTestKit.qdrant(qdrant)).with("qdrant.api_key", qdrantApiKey + "-wrong")
        .with("auth.key_pepper", pepper)
        .writeTo(dir.resolve("wrong-passwords.yaml"));
    DoctorRun failing = DoctorRun.run(Map.of(), "--config", wrong.toString(), "--json");
    assertThat(failing.code()).isEqualTo(Doctor.EXIT_UNHEALTHY);
    assertThat(failing.json().get("failed").toString()).contains("redis.ping");
    runs.add(failing);
    runs.add(DoctorRun.run(Map.of(), "--config", wrong.toString()));

    for (DoctorRun run : runs) {
      for (String secret : secrets) {
        assertThat(run.out()).doesNotContain(secret);
        assertThat(run.err()).doesNotContain(secret);
      }
    }
  }

  /**
   * A wrong password and an unknown database: the PostgreSQL lines say what the server said, and
   * say it at once, well within the doctor's connect bound of 5 s (not after the pool waits).
   */
  @Test
  void aRefusedLoginAndAnUnknownDatabaseAreNamedNotUnreachable() {
    String wrongPassword = "wrong-" + UUID.randomUUID();
    String missing = "missing_" + UUID.randomUUID().toString().replace("-", "");
    Path refused = new YamlConfig()
        .with(db).with("database.password", wrongPassword)
        .writeTo(dir.resolve("wrong-password.yaml"));
    Path unknown = new YamlConfig()
        .with(db).with("database.database", missing)
        .writeTo(dir.resolve("unknown-database.yaml"));

    long start = System.nanoTime();
    DoctorRun wrong = DoctorRun.run(Map.of(), "--config", refused.toString());
    DoctorRun absent = DoctorRun.run(Map.of(), "--config", unknown.toString());
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(wrong.code()).isEqualTo(Doctor.EXIT_UNHEALTHY);
    Map<String, DoctorRun.Row> wrongRows = wrong.rows();
    assertThat(absent.code()).isEqualTo(Doctor.EXIT_UNHEALTHY);
    Map<String, DoctorRun.Row> absentRows = absent.rows();
    for (String name : List.of("postgres.pooled", "postgres.direct")) {
      assertThat(wrongRows.get(name).verdict()).as(name).isEqualTo("FAIL");
      assertThat(wrongRows.get(name).detail()).as(name).startsWith("login refused: ").contains("28P01");
      assertThat(absentRows.get(name).verdict()).as(name).isEqualTo("FAIL");
      assertThat(absentRows.get(name).detail()).as(name).startsWith("database does not exist: ").contains(missing);
    }
    assertThat(wrongRows.get("migrations").detail()).isEqualTo("not checked: direct endpoint login refused");
    assertThat(absentRows.get("migrations").detail()).isEqualTo("not checked: direct endpoint database does not exist");
    assertThat(took).as("both runs, not waiting for the pools").isLessThan(Duration.ofSeconds(5));
    for (DoctorRun run : List.of(wrong, absent)) {
      assertThat(run.out()).doesNotContain("unreachable").doesNotContain(wrongPassword).doesNotContain(db.password());
    }
  }

  @Test
  void collectionsAreComparedWithTheirSpecs() {
    // Another Qdrant, where "documents" was created with the wrong size and nothing else exists.
    try (QdrantLocalServer other = QdrantLocalServer.start(0)) {
      Path otherConfig = configHolding(other, "other-qdrant.yaml", CollectionSpec.builder("documents", 4).build());

      DoctorRun run = DoctorRun.run(Map.of(), "--config", otherConfig.toString(),
          "--collections", "documents,chat_history,scratch");

      assertThat(run.code()).isEqualTo(Doctor.EXIT_UNHEALTHY);
      Map<String, DoctorRun.Row> rows = run.rows();
      assertThat(rows.get("qdrant").verdict()).isEqualTo("PASS");
      assertThat(rows.get("qdrant.registered").verdict()).isEqualTo("PASS");
      assertThat(rows.get("qdrant.collection.documents").verdict()).isEqualTo("FAIL");
      assertThat(rows.get("qdrant.collection.documents").detail())
          .contains("4-d Cosine but the seed spec asks for 768-d Cosine")
          .contains("missing payload indexes: file_id (keyword), file_type (keyword), tags (keyword),"
              + " created_at (datetime)");
      assertThat(rows.get("qdrant.collection.chat_history").detail()).startsWith("missing: the seed spec expects it");
      assertThat(rows.get("qdrant.collection.scratch").detail()).startsWith("missing: the --collections expects it");
      assertThat(rows.get("qdrant.collection." + REGISTERED).detail())
          .startsWith("missing: the registration in citadel.collections expects it");
      assertThat(rows).doesNotContainKeys("qdrant.collection.code", "qdrant.collection.knowledge");
      assertThat(rows.get("postgres.pooled").verdict()).isEqualTo("PASS");
      assertThat(rows.get("redis.ping").verdict()).isEqualTo("PASS");
      assertThat(run.verdictLine()).startsWith("VERDICT: UNHEALTHY, 4 of " + rows.size() + " checks failed")
          .endsWith("qdrant.collection.documents, qdrant.collection.chat_history, qdrant.collection.scratch, "
              + "qdrant.collection." + REGISTERED);
    }
  }

  @Test
  void sectionsNotConfiguredPassUnlessRequired() {
    Map<String, String> env = Map.of(
        "POSTGRES_HOST", db.host(),
        "POSTGRES_PORT", String.valueOf(db.port()),
        "POSTGRES_DB", db.name(),
        "POSTGRES_USER", db.username(),
        "POSTGRES_PASSWORD", db.password());

    DoctorRun plain = DoctorRun.run(env);
    assertThat(plain.code()).as(plain.out()).isEqualTo(Doctor.EXIT_HEALTHY);
    assertThat(plain.out()).startsWith("citadel-doctor: config from environment variables,");
    Map<String, DoctorRun.Row> rows = plain.rows();
    assertThat(rows.get("redis").verdict()).isEqualTo("PASS");
    assertThat(rows.get("redis").detail()).isEqualTo("not configured (no redis: section); not checked");
    assertThat(rows.get("qdrant").detail()).isEqualTo("not configured (no qdrant: section); not checked");
    assertThat(rows).doesNotContainKeys("redis.ping", "qdrant.registered");

    DoctorRun required = DoctorRun.run(env, "--require", "redis", "--json");
    assertThat(required.code()).isEqualTo(Doctor.EXIT_UNHEALTHY);
    assertThat(required.json().get("failed").toString()).isEqualTo("[\"redis\"]");
    assertThat(required.jsonChecks().get("redis").get("detail").asText())
        .isEqualTo("not configured (no redis: section), but --require redis asks for it");
  }

  /** A config of this class's PostgreSQL and Redis with {@code qdrant}, on which only {@code collection} exists. */
  private Path configHolding(QdrantLocalServer qdrant, String file, CollectionSpec collection) {
    Path config = new YamlConfig()
        .with(db)
        .with(redis)
        .with(CitadelTestKit.qdrant(qdrant))
        .writeTo(dir.resolve(file));
    try (CitadelVectors vectors = CitadelVectors.create(CitadelConfig.loader().environment(Map.of())
        .file(config).load())) {
      vectors.ensure(collection);
    }
    return config;
  }

  private static List<String> expectedLines() {
    List<String> names = new ArrayList<>(List.of("postgres.pooled", "postgres.direct"));
    List.of("deepcoder", "deepseek", "hermes", "imp", "mimo", "mixtral", "openchat", "phi3", "yi34")
        .forEach(m -> names.add("schema." + m));
    names.addAll(List.of("migrations", "pool.pooled", "pool.direct", "postgres.pooler", "redis.ping", "redis.roundtrip",
        "redis.memory", "redis.eviction",
        "qdrant", "qdrant.registered", "qdrant.collection.documents", "qdrant.collection.chat_history",
        "qdrant.collection.code", "qdrant.collection.knowledge", "qdrant.collection." + REGISTERED));
    return names;
  }
}
