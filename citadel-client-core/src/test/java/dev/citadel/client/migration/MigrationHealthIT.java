package dev.citadel.client.migration;

import dev.citadel.client.db.RowMapper;
import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.db.Database;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.health.HealthCheck;
import dev.citadel.client.health.HealthReport;
import dev.citadel.client.health.HealthStatus;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.TestDatabase;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationHealthIT {

  @Test
  void healthIsCorrectBeforeAndAfterMigrationAndMigratingTwiceIsANoOp() {
    try (TestDatabase testDb = CitadelTestKit.postgres().createDatabase();
        Database db = Database.create(TestConfigs.citadel(testDb,
            b -> b.migrations(b.build().migrations().toBuilder().addLocation("classpath:db/testapp").build())))) {
      HealthReport before = db.health();
      assertThat(before.healthy()).isFalse();
      assertThat(before.check("postgres.pooled").orElseThrow().isUp()).isTrue();
      assertThat(before.check("postgres.direct").orElseThrow().isUp()).isTrue();
      assertThat(before.check("schema.mixtral").orElseThrow().status()).isEqualTo(HealthStatus.DOWN);
      assertThat(before.check("migrations").orElseThrow().status()).isEqualTo(HealthStatus.DOWN);
      assertThat(before.check("migrations").orElseThrow().attributes()).containsEntry("applied", 0);

      List<String> shipped = shippedVersions();
      String latest = shipped.get(shipped.size() - 1);
      MigrationResult first = db.migrate();
      assertThat(first.applied()).isEqualTo(shipped.size());
      assertThat(first.appApplied()).isEqualTo(1);
      assertThat(first.version()).isEqualTo(latest);
      assertThat(first.modelSchemas()).containsExactlyElementsOf(DatabaseConfig.DEFAULT_MODELS);

      MigrationResult second = db.migrate();
      assertThat(second.applied()).isZero();
      assertThat(second.appApplied()).isZero();
      assertThat(second.version()).isEqualTo(latest);

      HealthReport after = db.health();
      assertThat(after.failures()).isEmpty();
      assertThat(after.healthy()).isTrue();
      HealthCheck pooled = after.check("postgres.pooled").orElseThrow();
      String serverVersion = db.queryOne("SHOW server_version", RowMapper.column(String.class));
      assertThat(pooled.attributes())
          .containsEntry("server_version", serverVersion)
          .containsEntry("database", testDb.name())
          .containsEntry("user", testDb.username());
      assertThat(after.check("migrations").orElseThrow().attributes())
          .containsEntry("applied", shipped.size()).containsEntry("pending", 0).containsEntry("version", latest);
      for (String model : DatabaseConfig.DEFAULT_MODELS) {
        assertThat(after.check("schema." + model).orElseThrow().isUp()).isTrue();
      }
      assertThat(after.check("pool.pooled").orElseThrow().attributes()).containsKeys("active", "idle", "waiting", "total");
      assertThat(after.toString()).contains("HEALTHY").contains("postgres.pooled");

      assertThat(db.query("SELECT version FROM public.flyway_schema_history WHERE success ORDER BY installed_rank",
          RowMapper.column(String.class))).containsExactlyElementsOf(shipped);
      assertThat(db.query("SELECT script FROM public.flyway_schema_history_app WHERE success AND type = 'SQL'",
          RowMapper.column(String.class))).containsExactly("V1__app_notes.sql");
      assertThat(tables(db, "mixtral")).containsExactly(
          "error_logs", "model_configurations", "performance_metrics", "usage_statistics");
      // V3's metadata tables (the vector module adds its outbox with its own migrations)
      assertThat(tables(db, "citadel"))
          .containsExactly("collections", "embedding_jobs", "module_notes", "users", "vector_metadata");
      assertThat(db.queryOne("SELECT count(*) FROM information_schema.table_constraints"
          + " WHERE table_schema = 'citadel' AND constraint_type = 'FOREIGN KEY'", RowMapper.column(Long.class))).isEqualTo(4L);
      // A module's migrations (the test class path's RecordingExtension) keep their own history.
      assertThat(db.query("SELECT script FROM public.flyway_schema_history_recording WHERE success AND type = 'SQL'",
          RowMapper.column(String.class))).containsExactly("V1__module_notes.sql");
    }
  }

  @Test
  void modelsAddedAfterTheFirstMigrationAreProvisioned() {
    try (TestDatabase testDb = CitadelTestKit.postgres().createDatabase()) {
      try (Database db = Database.create(TestConfigs.citadel(testDb))) {
        db.migrate();
      }
      try (Database db = Database.create(TestConfigs.citadel(testDb, b -> b.addModel("general")))) {
        assertThat(db.health().check("schema.general").orElseThrow().status()).isEqualTo(HealthStatus.DOWN);
        MigrationResult result = db.migrate();
        assertThat(result.applied()).isZero();
        assertThat(result.modelSchemas()).contains("general");
        assertThat(tables(db, "general")).hasSize(4);
        assertThat(db.health().healthy()).isTrue();
        db.forModel("general").update("INSERT INTO model_configurations (name) VALUES ('default')");
        assertThat(db.queryOne("SELECT count(*) FROM general.model_configurations", RowMapper.column(Long.class))).isEqualTo(1L);
      }
    }
  }

  @Test
  void unreachableServerIsAFailingEntryNotAnException() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    DatabaseConfig config = DatabaseConfig.builder().host("127.0.0.1").port(closedPort).database("x").user("x")
        .connectTimeout(Duration.ofSeconds(1))
        .pool(PoolConfig.builder().minConnections(0).waitTimeout(Duration.ofMillis(500)).build())
        .directPool(PoolConfig.builder().minConnections(0).maxConnections(2).waitTimeout(Duration.ofMillis(500)).build())
        .build();
    try (Database db = Database.create(dev.citadel.client.config.CitadelConfig.builder().database(config).build())) {
      HealthReport report = db.health();
      assertThat(report.healthy()).isFalse();
      assertThat(report.check("postgres.pooled").orElseThrow().detail()).startsWith("unreachable:");
      assertThat(report.check("postgres.direct").orElseThrow().status()).isEqualTo(HealthStatus.DOWN);
      assertThat(report.check("migrations").orElseThrow().detail()).contains("direct endpoint unreachable");
    }
  }

  /**
   * V1 and V2 are Java migrations; every later version is an SQL script in the core jar's
   * migration folder, read here from the source tree.
   */
  private static List<String> shippedVersions() {
    java.nio.file.Path dir = java.nio.file.Path.of("src/main/resources/dev/citadel/client/db/migration");
    try (var files = java.nio.file.Files.list(dir)) {
      java.util.List<String> versions = new java.util.ArrayList<>(List.of("1", "2"));
      files.map(f -> f.getFileName().toString())
          .filter(n -> n.matches("V\\d+__.*\\.sql"))
          .map(n -> n.substring(1, n.indexOf("__")))
          .sorted(java.util.Comparator.comparingInt(Integer::parseInt))
          .forEach(versions::add);
      return versions;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> tables(Database db, String schema) {
    return db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY 1",
        RowMapper.column(String.class), schema);
  }
}
