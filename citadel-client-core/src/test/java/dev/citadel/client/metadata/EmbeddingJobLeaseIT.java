package dev.citadel.client.metadata;

import static dev.citadel.client.metadata.JobsFixture.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.VersionConflictException;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.paging.PageRequest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Leases and claim tokens of {@link EmbeddingJobRepository} in one process: a lease that runs out
 * lets the next claim take the job over, the old claim can then change nothing, and a job whose
 * lease runs out on its last attempt is dead. Leases of 1 ms stand for a lost worker (the lease
 * has run out by the next statement), so nothing waits for a real lease.
 */
class EmbeddingJobLeaseIT {
  private static final Duration LOST = Duration.ofMillis(1);
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @RegisterExtension static final JobsFixture fixture = new JobsFixture("leases");

  private final EmbeddingJobRepository jobs = fixture.jobs();
  private final UUID collectionId = fixture.collectionId();

  @Test
  void aWorkerWhoseLeaseRanOutCannotChangeTheJobItsSuccessorHolds() {
    EmbeddingJob queued = jobs.enqueue(collectionId, "{\"text\": \"a\"}", null);
    EmbeddingJob first = only(jobs.claim(1, LOST, 3));
    assertThat(first.id()).isEqualTo(queued.id());
    assertThat(first.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(first.attempts()).isEqualTo(1);
    assertThat(first.claimToken()).isNotNull();
    assertThat(first.leaseExpiresAt()).isAfterOrEqualTo(first.startedAt());

    EmbeddingJob second = claimOneWithin(PATIENCE, HOUR, 3);
    assertThat(second.id()).isEqualTo(queued.id());
    assertThat(second.attempts()).isEqualTo(2);
    assertThat(second.claimToken()).isNotEqualTo(first.claimToken());
    assertThat(second.error()).isEqualTo("lease ran out during attempt 1");
    assertThat(second.startedAt()).isAfterOrEqualTo(first.leaseExpiresAt());

    assertClaimLost(() -> jobs.succeed(first), JobStatus.RUNNING);
    assertClaimLost(() -> jobs.fail(first, "late failure", 3), JobStatus.RUNNING);
    assertClaimLost(() -> jobs.renew(first, HOUR), JobStatus.RUNNING);
    assertThat(jobs.get(queued.id())).as("the stale worker changed nothing").isEqualTo(second);
    assertThat(jobs.claim(10, HOUR, 3)).as("the successor's lease holds").isEmpty();

    EmbeddingJob done = jobs.succeed(second);
    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(done.leaseExpiresAt()).isNull();
    assertClaimLost(() -> jobs.succeed(first), JobStatus.SUCCEEDED);
  }

  @Test
  void aJobWhoseLeaseRunsOutOnItsLastAttemptIsDead() {
    EmbeddingJob queued = jobs.enqueue(collectionId, null, null);
    EmbeddingJob first = only(jobs.claim(1, LOST, 2));
    EmbeddingJob second = claimOneWithin(PATIENCE, LOST, 2);
    assertThat(second.attempts()).isEqualTo(2);

    await().atMost(PATIENCE).until(() -> jobs.claim(10, HOUR, 2).isEmpty()
        && jobs.get(queued.id()).status() == JobStatus.DEAD);
    EmbeddingJob dead = jobs.get(queued.id());
    assertThat(dead.attempts()).isEqualTo(2);
    assertThat(dead.error()).isEqualTo("lease ran out during attempt 2");
    assertThat(dead.finishedAt()).isNotNull();
    assertThat(dead.claimToken()).isNull();
    assertThat(dead.leaseExpiresAt()).isNull();
    assertThat(jobs.claim(10, HOUR, 5)).as("nothing claims a dead job").isEmpty();
    assertClaimLost(() -> jobs.succeed(second), JobStatus.DEAD);
    assertClaimLost(() -> jobs.succeed(first), JobStatus.DEAD);
  }

  @Test
  void aRenewedLeaseKeepsTheJobWhileAnUnrenewedOneIsTakenOver() {
    EmbeddingJob kept = jobs.enqueue(collectionId, "{\"n\": 1}", null);
    EmbeddingJob abandoned = jobs.enqueue(collectionId, "{\"n\": 2}", null);
    List<EmbeddingJob> claimed = jobs.claim(2, LOST, 3);
    assertThat(claimed).extracting(EmbeddingJob::id).containsExactlyInAnyOrder(kept.id(), abandoned.id());
    EmbeddingJob held = claimed.stream().filter(j -> j.id().equals(kept.id())).findFirst().orElseThrow();

    // Renewing works even after the lease ran out, as long as nobody took the job over.
    EmbeddingJob renewed = jobs.renew(held, HOUR);
    assertThat(renewed.claimToken()).isEqualTo(held.claimToken());
    assertThat(renewed.leaseExpiresAt()).isAfter(held.leaseExpiresAt().plus(Duration.ofMinutes(59)));
    assertThat(renewed.version()).isEqualTo(held.version() + 1);

    EmbeddingJob takenOver = claimOneWithin(PATIENCE, HOUR, 3);
    assertThat(takenOver.id()).isEqualTo(abandoned.id());
    assertThat(jobs.succeed(renewed).status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void theReaperRequeuesExpiredJobsAndDeclaresThoseOutOfAttemptsDead() {
    EmbeddingJob a = jobs.enqueue(collectionId, "{\"n\": 1}", null);
    EmbeddingJob b = jobs.enqueue(collectionId, "{\"n\": 2}", null);
    List<EmbeddingJob> firstClaims = jobs.claim(2, LOST, 2);

    List<EmbeddingJob> requeued = reapWithin(PATIENCE, 2, 2);
    assertThat(requeued).extracting(EmbeddingJob::id).containsExactlyInAnyOrder(a.id(), b.id());
    assertThat(requeued).allSatisfy(job -> {
      assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
      assertThat(job.error()).isEqualTo("lease ran out during attempt 1");
      assertThat(job.claimToken()).isNull();
      assertThat(job.leaseExpiresAt()).isNull();
      assertThat(job.finishedAt()).isNull();
    });
    assertClaimLost(() -> jobs.succeed(firstClaims.get(0)), JobStatus.QUEUED);

    assertThat(jobs.claim(2, LOST, 2)).allSatisfy(job -> assertThat(job.attempts()).isEqualTo(2));
    List<EmbeddingJob> dead = reapWithin(PATIENCE, 2, 2);
    assertThat(dead).allSatisfy(job -> {
      assertThat(job.status()).isEqualTo(JobStatus.DEAD);
      assertThat(job.finishedAt()).isNotNull();
    });
  }

  @Test
  void finishingAgainUnderTheSameClaimReturnsTheJobUnchanged() {
    jobs.enqueue(collectionId, "{\"n\": 1}", null);
    jobs.enqueue(collectionId, "{\"n\": 2}", null);
    List<EmbeddingJob> claimed = jobs.claim(2, HOUR, 3);

    EmbeddingJob succeeded = jobs.succeed(claimed.get(0));
    assertThat(jobs.succeed(claimed.get(0))).as("retry after a lost reply").isEqualTo(succeeded);

    EmbeddingJob requeued = jobs.fail(claimed.get(1), "model timeout", 3);
    assertThat(requeued.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(jobs.fail(claimed.get(1), "model timeout", 3)).isEqualTo(requeued);
    assertThatThrownBy(() -> jobs.succeed(claimed.get(1)))
        .as("a failed claim cannot be turned into a success").isInstanceOf(VersionConflictException.class);
    assertThat(jobs.get(requeued.id())).isEqualTo(requeued);
  }

  @Test
  void jobsClaimedByAVersionWithoutLeasesAreTakenOverAfterTheDefaultLease() {
    EmbeddingJob stranded = jobs.enqueue(collectionId, "{\"n\": 1}", null);
    EmbeddingJob fresh = jobs.enqueue(collectionId, "{\"n\": 2}", null);
    // A claim as versions before V7 wrote it (during a rolling upgrade): no token, no lease.
    String legacyClaim = "UPDATE citadel.embedding_jobs SET status = 'running', attempts = attempts + 1,"
        + " started_at = now() - ? * interval '1 second', updated_at = now(), version = version + 1 WHERE id = ?";
    fixture.db().update(legacyClaim, EmbeddingJobRepository.DEFAULT_LEASE.toSeconds() + 1, stranded.id());
    fixture.db().update(legacyClaim, 0, fresh.id());

    EmbeddingJob takenOver = only(jobs.claim(10, HOUR, 3));
    assertThat(takenOver.id()).isEqualTo(stranded.id());
    assertThat(takenOver.attempts()).isEqualTo(2);
    assertThat(takenOver.error()).isEqualTo("lease ran out during attempt 1");
    assertThat(jobs.get(fresh.id()).status()).isEqualTo(JobStatus.RUNNING);
  }

  @Test
  void badLeasesAndAttemptCountsAreInvalidArguments() {
    EmbeddingJob queued = jobs.enqueue(collectionId, null, null);
    assertInvalid(() -> jobs.claim(1, Duration.ZERO, 3), "lease");
    assertInvalid(() -> jobs.claim(1, Duration.ofNanos(999_999), 3), "lease");
    assertInvalid(() -> jobs.claim(1, HOUR, 0), "maxAttempts");
    assertInvalid(() -> jobs.reapExpired(0), "maxAttempts");
    assertThat(jobs.get(queued.id()).status()).as("nothing claimed by a refused call").isEqualTo(JobStatus.QUEUED);
    EmbeddingJob claimed = only(jobs.claim(1, HOUR, 3));
    assertInvalid(() -> jobs.renew(claimed, Duration.ofMillis(-5)), "lease");
    assertInvalid(() -> jobs.fail(claimed, "x", 0), "maxAttempts");
  }

  @Test
  void theDefaultClaimHoldsItsLeaseForTheDefaultDuration() {
    jobs.enqueue(collectionId, null, null);
    EmbeddingJob claimed = only(jobs.claim(1));
    assertThat(Duration.between(claimed.startedAt(), claimed.leaseExpiresAt()))
        .isEqualTo(EmbeddingJobRepository.DEFAULT_LEASE);
    assertThat(jobs.claim(1)).isEmpty();
  }

  @Test
  void workersRacingRunningOutLeasesCompleteEveryJobAtMostOnce() throws Exception {
    int total = 200;
    for (int i = 0; i < total; i++) {
      jobs.enqueue(collectionId, "{\"n\": " + i + "}", null);
    }
    Map<UUID, AtomicInteger> successes = new ConcurrentHashMap<>();
    AtomicInteger refused = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < 6; w++) {
      Random random = new Random(w);
      workers.add(pool.submit(() -> {
        // Each worker sits on a few claims while claiming more, so leases run out under it, and
        // abandons some claims altogether, like a worker that died.
        Deque<EmbeddingJob> held = new ArrayDeque<>();
        while (!held.isEmpty() || openJobs() > 0) {
          held.addAll(jobs.claim(3, Duration.ofMillis(20), 5));
          while (held.size() > (random.nextBoolean() ? 3 : 0)) {
            EmbeddingJob job = held.poll();
            int fate = random.nextInt(10);
            try {
              if (fate < 7) {
                jobs.succeed(job);
                successes.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
              } else if (fate < 9) {
                jobs.fail(job, "model timeout", 5);
              }
            } catch (ClaimLostException e) {
              refused.incrementAndGet();
            }
          }
        }
        return null;
      }));
    }
    for (Future<?> worker : workers) {
      worker.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();

    Map<JobStatus, Long> byStatus = new EnumMap<>(JobStatus.class);
    for (JobStatus status : JobStatus.values()) {
      byStatus.put(status, (long) jobs.list(collectionId, status, PageRequest.first(1000)).items().size());
    }
    assertThat(byStatus.get(JobStatus.QUEUED) + byStatus.get(JobStatus.RUNNING)).isZero();
    assertThat(byStatus.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
    assertThat(successes.values()).as("no job completed twice (%d stale completions refused)", refused.get())
        .allMatch(n -> n.get() == 1);
    assertThat(jobs.list(collectionId, JobStatus.SUCCEEDED, PageRequest.first(1000)).items())
        .extracting(EmbeddingJob::id).containsExactlyInAnyOrderElementsOf(successes.keySet());
  }

  private long openJobs() {
    return fixture.db().queryOne("SELECT count(*) FROM citadel.embedding_jobs WHERE status IN ('queued', 'running')",
        RowMapper.column(Long.class));
  }

  private EmbeddingJob claimOneWithin(Duration patience, Duration lease, int maxAttempts) {
    return only(await().atMost(patience).until(() -> jobs.claim(1, lease, maxAttempts), list -> !list.isEmpty()));
  }

  private List<EmbeddingJob> reapWithin(Duration patience, int maxAttempts, int expected) {
    List<EmbeddingJob> reaped = new ArrayList<>();
    await().atMost(patience).until(() -> {
      reaped.addAll(jobs.reapExpired(maxAttempts));
      return reaped.size() >= expected;
    });
    return reaped;
  }

  private static void assertClaimLost(ThrowingCallable call, JobStatus now) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ClaimLostException.class, e -> {
      assertThat(e.currentStatus()).isEqualTo(now);
      assertThat(e).hasMessageContaining("no longer claimed by this worker");
    });
  }

  private static void assertInvalid(ThrowingCallable call, String argument) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo(argument));
  }
}
