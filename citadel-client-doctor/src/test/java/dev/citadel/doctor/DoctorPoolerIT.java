package dev.citadel.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.Citadel;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.PgBouncer;
import dev.citadel.client.testkit.PostgresServer;
import dev.citadel.client.testkit.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code postgres.pooler} line behind a real PgBouncer in transaction mode: it fails when the
 * config leaves {@code database.transaction_pooler} false (the SDK copes, but the config does not
 * say what the deployment is), and passes once it says so.
 */
class DoctorPoolerIT {
  @TempDir
  Path dir;

  @Test
  void anUndeclaredTransactionPoolerFailsItsLineAndADeclaredOnePasses() {
    PgBouncer.assumeInstalled();
    PostgresServer upstream = CitadelTestKit.postgres();
    try (TestDatabase db = upstream.createDatabase();
        PgBouncer bouncer = PgBouncer.builder(upstream).poolMode(PgBouncer.PoolMode.TRANSACTION)
            .defaultPoolSize(4).start()) {
      YamlConfig yaml = new YamlConfig()
          .with(bouncer.database(db));
      Path undeclared = yaml.writeTo(dir.resolve("undeclared.yaml"));
      try (Citadel citadel = Citadel.create(CitadelConfig.loader().environment(Map.of()).file(undeclared).load())) {
        citadel.database().migrate();
      }

      DoctorRun run = DoctorRun.run(Map.of(), "--config", undeclared.toString());
      assertThat(run.code()).as(run.out()).isEqualTo(Doctor.EXIT_UNHEALTHY);
      Map<String, DoctorRun.Row> rows = run.rows();
      assertThat(rows.get("postgres.pooler").verdict()).isEqualTo("FAIL");
      assertThat(rows.get("postgres.pooler").detail())
          .contains("transaction pooler detected", "database.transaction_pooler is false", "set it to true");
      assertThat(rows.get("postgres.pooled").verdict()).isEqualTo("PASS");
      assertThat(rows.get("migrations").verdict()).isEqualTo("PASS");
      assertThat(run.verdictLine()).startsWith("VERDICT: UNHEALTHY, 1 of ").endsWith("postgres.pooler");

      Path declared = yaml.with("database.transaction_pooler", true).writeTo(dir.resolve("declared.yaml"));
      DoctorRun fixed = DoctorRun.run(Map.of(), "--config", declared.toString());
      assertThat(fixed.code()).as(fixed.out()).isEqualTo(Doctor.EXIT_HEALTHY);
      assertThat(fixed.rows().get("postgres.pooler").detail()).startsWith("transaction pooler (database.transaction_pooler: true)");
    }
  }
}
