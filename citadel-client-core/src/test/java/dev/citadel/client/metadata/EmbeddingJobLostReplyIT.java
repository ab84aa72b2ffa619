package dev.citadel.client.metadata;

import static dev.citadel.client.metadata.JobsFixture.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.UnavailableException;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.TcpProxy;
import dev.citadel.client.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker's statement commits but its reply never arrives: the worker talks to PostgreSQL
 * through a {@link TcpProxy}, a deferred trigger holds the commit on an advisory lock the test
 * owns, the proxy is cut while the commit waits, then the lock is released so the commit goes
 * through with nobody left to hear it. A job whose claim reply was lost is taken over after the
 * lease like a crashed worker's; a success whose reply was lost can be retried and is reported
 * as done.
 */
class EmbeddingJobLostReplyIT {
  private static final long HOLD_KEY = 1414;
  private static final Duration LEASE = Duration.ofSeconds(2);
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @RegisterExtension static final JobsFixture fixture = new JobsFixture("lost-replies");
  private static TcpProxy proxy;
  private static Database workerDb;
  private static EmbeddingJobRepository workerJobs;

  private final EmbeddingJobRepository jobs = fixture.jobs();
  private final UUID collectionId = fixture.collectionId();

  @BeforeAll
  static void start() {
    TestDatabase testDb = fixture.testDb();
    // Holds the commit of a change that moves a job to the status its payload names.
    fixture.db().update("CREATE FUNCTION citadel.hold_commit() RETURNS trigger LANGUAGE plpgsql AS $$"
        + " BEGIN PERFORM pg_advisory_xact_lock_shared(" + HOLD_KEY + "); RETURN NULL; END $$");
    fixture.db().update("CREATE CONSTRAINT TRIGGER hold_commit AFTER UPDATE ON citadel.embedding_jobs"
        + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.payload ->> 'holdCommitAt' = NEW.status)"
        + " EXECUTE FUNCTION citadel.hold_commit()");
    proxy = TcpProxy.start(testDb.host(), testDb.port());
    workerDb = Database.create(TestConfigs.citadel(proxy.database(testDb)));
    workerJobs = Metadata.create(workerDb).jobs();
  }

  @AfterAll
  static void stop() {
    workerDb.close();
    proxy.close();
  }

  @AfterEach
  void networkBack() {
    proxy.restore();
  }

  @Test
  void aJobWhoseClaimReplyWasLostIsTakenOverWhenItsLeaseRunsOut() throws Exception {
    EmbeddingJob queued = jobs.enqueue(collectionId, "{\"holdCommitAt\": \"running\"}", null);

    Throwable failure = replyLost(() -> workerJobs.claim(1, LEASE, 3));
    assertThat(failure).isInstanceOf(UnavailableException.class);
    EmbeddingJob orphan = await().atMost(PATIENCE)
        .until(() -> jobs.get(queued.id()), job -> job.status() == JobStatus.RUNNING);
    assertThat(orphan.attempts()).as("the claim committed; its worker never learnt its token").isEqualTo(1);

    proxy.restore();
    EmbeddingJob successor = only(await().atMost(PATIENCE)
        .until(() -> workerJobs.claim(1, Duration.ofMinutes(5), 3), claimed -> !claimed.isEmpty()));
    assertThat(successor.id()).isEqualTo(queued.id());
    assertThat(successor.attempts()).isEqualTo(2);
    assertThat(successor.startedAt()).isAfterOrEqualTo(orphan.leaseExpiresAt());
    assertThat(workerJobs.succeed(successor).status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void aSuccessWhoseReplyWasLostCanBeRetried() throws Exception {
    EmbeddingJob queued = jobs.enqueue(collectionId, "{\"holdCommitAt\": \"succeeded\"}", null);
    EmbeddingJob claimed = only(workerJobs.claim(1, Duration.ofMinutes(5), 3));
    assertThat(claimed.id()).isEqualTo(queued.id());

    Throwable failure = replyLost(() -> workerJobs.succeed(claimed));
    assertThat(failure).isInstanceOf(UnavailableException.class);
    EmbeddingJob done = await().atMost(PATIENCE)
        .until(() -> jobs.get(queued.id()), job -> job.status() == JobStatus.SUCCEEDED);

    proxy.restore();
    assertThat(workerJobs.succeed(claimed)).as("the retry reports the committed success").isEqualTo(done);
    assertThat(jobs.get(queued.id())).isEqualTo(done);
  }

  /**
   * Runs {@code call} as a worker whose commit is held, cuts the worker's connection while the
   * commit waits, lets the commit through, and returns what the worker saw.
   */
  private static Throwable replyLost(Supplier<?> call) throws Exception {
    try (Connection holder = DriverManager.getConnection(fixture.testDb().jdbcUrl(),
        fixture.testDb().username(), fixture.testDb().password());
        Statement s = holder.createStatement()) {
      s.execute("SELECT pg_advisory_lock(" + HOLD_KEY + ")");
      CompletableFuture<?> worker = CompletableFuture.supplyAsync(call);
      await().atMost(PATIENCE).until(() -> fixture.db().queryOne("SELECT count(*) FROM pg_stat_activity"
          + " WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'",
          RowMapper.column(Long.class)) == 1);
      proxy.cut();
      Throwable seen;
      try {
        seen = new AssertionError("the worker heard back: " + worker.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
      } catch (ExecutionException e) {
        seen = e.getCause();
      }
      s.execute("SELECT pg_advisory_unlock(" + HOLD_KEY + ")");
      return seen;
    }
  }
}
