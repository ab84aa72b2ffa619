package dev.citadel.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.Citadel;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.testkit.DedicatedPostgres;
import dev.citadel.client.testkit.ReplicatedPostgres;
import dev.citadel.client.testkit.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code postgres.replication} line on a real primary and streaming replica (the test kit's):
 * it names the primary and the replica's lag, and fails once no replica streams.
 */
class DoctorReplicationIT {
  @TempDir
  Path dir;

  @Test
  void theReplicationLineNamesThePrimaryAndFailsWhenNoReplicaStreams() {
    try (ReplicatedPostgres pg = ReplicatedPostgres.start(1)) {
      DedicatedPostgres replica = pg.replicas().get(0);
      TestDatabase db = pg.createDatabase();
      Path config = new YamlConfig().with(pg.database(db)).writeTo(dir.resolve("replicated.yaml"));
      try (Citadel citadel = Citadel.create(CitadelConfig.loader().environment(Map.of()).file(config).load())) {
        citadel.database().migrate();
      }
      pg.awaitReplicasCaughtUp();

      DoctorRun run = DoctorRun.run(Map.of(), "--config", config.toString());
      assertThat(run.code()).as(run.out()).isEqualTo(Doctor.EXIT_HEALTHY);
      DoctorRun.Row replication = run.rows().get("postgres.replication");
      assertThat(replication.verdict()).isEqualTo("PASS");
      assertThat(replication.detail()).contains("primary 127.0.0.1:" + pg.primary().port(),
          "1 replica(s) streaming", "replica1", "reads served by replica 127.0.0.1:" + replica.port());
      assertThat(run.rows().get("postgres.read").verdict()).isEqualTo("PASS");

      pg.kill(replica);
      DoctorRun degraded = DoctorRun.run(Map.of(), "--config", config.toString());
      assertThat(degraded.code()).isEqualTo(Doctor.EXIT_UNHEALTHY);
      assertThat(degraded.rows().get("postgres.replication").verdict()).isEqualTo("FAIL");
      assertThat(degraded.rows().get("postgres.replication").detail())
          .contains("0 replica(s) streaming", "reads fall back to it");
      assertThat(degraded.rows().get("postgres.pooled").verdict()).isEqualTo("PASS");
    }
  }
}
