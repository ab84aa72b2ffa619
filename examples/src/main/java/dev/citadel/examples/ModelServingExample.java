package dev.citadel.examples;

import dev.citadel.client.Citadel;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.SqlClient;
import dev.citadel.client.health.HealthReport;
import dev.citadel.client.migration.MigrationResult;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A model-serving host in miniature. With no configuration it starts an embedded PostgreSQL
 * (through the test kit) and runs against it; given a YAML file (first argument, or
 * {@code CITADEL_CONFIG}) or {@code POSTGRES_*}/{@code CITADEL_*} variables it runs against real
 * servers unchanged.
 *
 * <p>For each request it routes the model's own writes (usage statistics, error logs) to the
 * model's schema, then prints a summary and the health report. Exits 0 when the report is
 * healthy.
 */
public final class ModelServingExample {
  private static final List<String> MODELS = List.of("mixtral", "phi3");

  private ModelServingExample() {}

  public static void main(String[] args) throws Exception {
    TestDatabase embedded = null;
    CitadelConfig config;
    String file = args.length > 0 && !args[0].isBlank() ? args[0] : System.getenv("CITADEL_CONFIG");
    if (file != null && !file.isBlank()) {
      config = CitadelConfig.load(Path.of(file));
      System.out.println("config: " + file);
    } else if (System.getenv("POSTGRES_HOST") != null || System.getenv("CITADEL_DATABASE_HOST") != null) {
      config = CitadelConfig.fromEnvironment();
      System.out.println("config: environment variables");
    } else {
      embedded = CitadelTestKit.postgres().createDatabase();
      config = CitadelConfig.builder()
          .clientName("example")
          .database(DatabaseConfig.builder()
              .host(embedded.host()).port(embedded.port())
              .database(embedded.name()).user(embedded.username()).password(embedded.password())
              .build())
          .build();
      System.out.println("config: embedded defaults (" + CitadelTestKit.postgres().source()
          + " PostgreSQL " + CitadelTestKit.postgres().version() + ")");
    }

    boolean healthy;
    try (Citadel citadel = Citadel.create(config)) {
      Database db = citadel.database();
      MigrationResult migrated = db.migrate();
      System.out.printf("migrations: %d applied now, schema version %s, %d model schemas%n",
          migrated.applied(), migrated.version(), migrated.modelSchemas().size());

      int served = 0;
      int failed = 0;
      for (int i = 0; i < 20; i++) {
        String model = MODELS.get(i % MODELS.size());
        if (serve(db.forModel(model), model, "user-" + (i % 3), i)) {
          served++;
        } else {
          failed++;
        }
      }
      System.out.printf("requests: %d served, %d failed (logged in the model's error_logs)%n", served, failed);
      for (String model : MODELS) {
        SqlClient routed = db.forModel(model);
        long requests = routed.queryOne("SELECT count(*) FROM usage_statistics", RowMapper.column(Long.class));
        long tokens = routed.queryOne(
            "SELECT coalesce(sum(prompt_tokens + completion_tokens), 0) FROM usage_statistics",
            RowMapper.column(Long.class));
        long errors = routed.queryOne("SELECT count(*) FROM error_logs", RowMapper.column(Long.class));
        System.out.printf("  %-8s schema %-8s requests=%d tokens=%d errors=%d%n",
            model, db.models().schemaFor(model), requests, tokens, errors);
      }

      HealthReport health = citadel.health();
      System.out.println();
      System.out.println(health);
      healthy = health.healthy();
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
    System.exit(healthy ? 0 : 1);
  }

  /** One request: a model call stand-in, then usage statistics or an error log, routed. */
  private static boolean serve(SqlClient model, String modelName, String user, int request) {
    String requestId = UUID.randomUUID().toString();
    int promptTokens = 20 + ThreadLocalRandom.current().nextInt(200);
    boolean ok = request % 7 != 6; // every seventh request fails, to show error logging
    if (ok) {
      model.update("INSERT INTO usage_statistics (request_id, user_id, endpoint, prompt_tokens,"
              + " completion_tokens, latency_ms, model) VALUES (?, ?, ?, ?, ?, ?, ?)",
          requestId, user, "/v1/chat", promptTokens, promptTokens / 2, 40 + request, modelName);
    } else {
      model.update("INSERT INTO error_logs (request_id, error_type, message, details, model)"
              + " VALUES (?, ?, ?, ?::jsonb, ?)",
          requestId, "timeout", "model call exceeded its deadline", "{\"deadline_ms\": 2000}", modelName);
    }
    return ok;
  }
}
