package dev.citadel.client.metadata;

import static dev.citadel.client.metadata.JobsFixture.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker JVMs ({@link EmbeddingJobWorkerChild}) claim a job and are killed with SIGKILL mid-job.
 * The job must not stay running: once the lease runs out, the next claim takes it over as a new
 * attempt (or declares it dead after the last one), and the killed worker's claim can change
 * nothing any more.
 */
class EmbeddingJobWorkerCrashIT {
  /** Long enough for the parent to look at the claimed job before it runs out. */
  private static final Duration LEASE = Duration.ofSeconds(3);
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @RegisterExtension static final JobsFixture fixture = new JobsFixture("crashing-workers");

  private final Database db = fixture.db();
  private final TestDatabase testDb = fixture.testDb();
  private final EmbeddingJobRepository jobs = fixture.jobs();
  private final UUID collectionId = fixture.collectionId();

  @TempDir Path logs;

  @Test
  void theJobOfAKilledWorkerIsTakenOverAndFinishedByTheNextWorker() throws Exception {
    EmbeddingJob queued = jobs.enqueue(collectionId, "{\"text\": \"killed mid-job\"}", null);
    assertThat(runWorkerAndKillIt(3, "first")).isEqualTo("CLAIMED " + queued.id() + " 1");
    EmbeddingJob killedWorkersClaim = jobs.get(queued.id());
    assertThat(killedWorkersClaim.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(killedWorkersClaim.claimToken()).isNotNull();

    EmbeddingJob successor = only(await().atMost(PATIENCE)
        .until(() -> jobs.claim(1, Duration.ofMinutes(5), 3), claimed -> !claimed.isEmpty()));
    assertThat(successor.id()).isEqualTo(queued.id());
    assertThat(successor.attempts()).isEqualTo(2);
    assertThat(successor.error()).isEqualTo("lease ran out during attempt 1");
    assertThat(successor.startedAt()).as("not taken over before the lease ran out")
        .isAfterOrEqualTo(killedWorkersClaim.leaseExpiresAt());

    assertThatThrownBy(() -> jobs.succeed(killedWorkersClaim)).isInstanceOf(ClaimLostException.class);
    assertThat(jobs.succeed(successor).status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void aJobWhoseWorkersAreKilledOnEveryAttemptEndsDead() throws Exception {
    EmbeddingJob queued = jobs.enqueue(collectionId, "{\"text\": \"poison\"}", null);
    assertThat(runWorkerAndKillIt(2, "first")).isEqualTo("CLAIMED " + queued.id() + " 1");
    EmbeddingJob firstClaim = jobs.get(queued.id());

    awaitLeaseRunOut(queued.id());
    assertThat(runWorkerAndKillIt(2, "second")).isEqualTo("CLAIMED " + queued.id() + " 2");
    EmbeddingJob secondClaim = jobs.get(queued.id());
    assertThat(secondClaim.claimToken()).isNotEqualTo(firstClaim.claimToken());
    assertThat(secondClaim.startedAt()).isAfterOrEqualTo(firstClaim.leaseExpiresAt());
    assertThatThrownBy(() -> jobs.succeed(firstClaim)).isInstanceOf(ClaimLostException.class);
    assertThat(jobs.get(queued.id())).as("the first worker's claim changed nothing").isEqualTo(secondClaim);

    awaitLeaseRunOut(queued.id());
    assertThat(jobs.claim(1, Duration.ofMinutes(5), 2)).isEmpty();
    EmbeddingJob dead = jobs.get(queued.id());
    assertThat(dead.status()).isEqualTo(JobStatus.DEAD);
    assertThat(dead.attempts()).isEqualTo(2);
    assertThat(dead.error()).isEqualTo("lease ran out during attempt 2");
    assertThat(dead.finishedAt()).isNotNull();
    assertThatThrownBy(() -> jobs.succeed(secondClaim)).isInstanceOf(ClaimLostException.class);
  }

  /** Waits, on the database clock, until the job's lease has run out. */
  private void awaitLeaseRunOut(UUID id) {
    await().atMost(PATIENCE).until(() -> db.queryOne(
        "SELECT lease_expires_at <= now() FROM citadel.embedding_jobs WHERE id = ?", RowMapper.column(Boolean.class), id));
  }

  /** Starts a worker JVM, reads the line it prints after its claim, and kills it with SIGKILL. */
  private String runWorkerAndKillIt(int maxAttempts, String name) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        EmbeddingJobWorkerChild.class.getName(), String.valueOf(LEASE.toMillis()), String.valueOf(maxAttempts));
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("CITADEL_") || k.startsWith("POSTGRES_"));
    env.putAll(TestConfigs.environment(testDb));
    env.put("CITADEL_DATABASE_POOL_MIN_CONNECTIONS", "0");
    pb.redirectError(logs.resolve(name + "-worker.log").toFile());
    Process worker = pb.start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
      // The worker prints one line after its claim committed; readLine returns null if it dies first.
      String line = out.readLine();
      assertThat(line).as("the %s worker's claim (stderr in %s)", name, logs).isNotNull();
      return line;
    } finally {
      worker.destroyForcibly();
      assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(worker.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    }
  }

}
