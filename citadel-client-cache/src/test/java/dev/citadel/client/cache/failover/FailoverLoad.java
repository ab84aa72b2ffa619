package dev.citadel.client.cache.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.CitadelException;
import dev.citadel.client.UnavailableException;
import dev.citadel.client.cache.CitadelCache;
import dev.citadel.client.cache.queue.Job;
import dev.citadel.client.cache.queue.JobQueue;
import dev.citadel.client.cache.queue.QueueStats;
import dev.citadel.client.cache.ratelimit.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Sessions, rate limits and a job queue (one producer, two consumers) running on threads while a
 * test kills a Redis master: records when each call ended and how, then checks that every failure
 * was typed, prints the outage window each kind of caller saw, and accounts for every job.
 */
final class FailoverLoad implements AutoCloseable {
  /** One call: its kind, when it ended, what it threw (null: it worked). */
  record Outcome(String kind, long atNanos, Throwable failure) {}

  /** What became of the jobs: accepted by {@code enqueue}, acked, lost, acked more than once. */
  record Jobs(int accepted, int acked, int lost, int ackedTwice, int redelivered) {}

  private final CitadelCache cache;
  private final JobQueue<String> queue;
  private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> acks = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
  private final AtomicBoolean producing = new AtomicBoolean(true);
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final ExecutorService threads = Executors.newFixedThreadPool(5);
  private final List<Future<?>> loops = new ArrayList<>();

  FailoverLoad(CitadelCache cache, String queueName) {
    this.cache = cache;
    this.queue = cache.queue(queueName);
    loops.add(threads.submit(() -> loop("session", n -> {
      String user = "u" + (n % 50);
      String sid = cache.sessions().create(user, "s" + n).sessionId();
      cache.sessions().get(user, sid);
    })));
    loops.add(threads.submit(() -> loop("ratelimit",
        n -> cache.rateLimiter().tryAcquire("user", "u" + (n % 20), RateLimit.perMinute(1_000_000)))));
    loops.add(threads.submit(() -> loop("enqueue", n -> {
      if (producing.get()) {
        String id = "job-" + n;
        if (queue.enqueue(id, "payload-" + n)) {
          accepted.add(id);
        }
      } else {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
    })));
    for (int c = 0; c < 2; c++) {
      loops.add(threads.submit(() -> loop("claim", n -> {
        Optional<Job<String>> job = queue.claim();
        if (job.isEmpty()) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
          return;
        }
        deliveries.computeIfAbsent(job.get().id(), k -> new AtomicInteger()).incrementAndGet();
        if (queue.ack(job.get())) {
          acks.computeIfAbsent(job.get().id(), k -> new AtomicInteger()).incrementAndGet();
        }
      })));
    }
  }

  @FunctionalInterface
  interface Step {
    void run(long n);
  }

  private void loop(String kind, Step step) {
    for (long n = 0; running.get(); n++) {
      try {
        step.run(n);
        outcomes.add(new Outcome(kind, System.nanoTime(), null));
      } catch (RuntimeException e) {
        outcomes.add(new Outcome(kind, System.nanoTime(), e));
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // pacing, not synchronisation
      }
    }
  }

  /** Successes of {@code kind} that ended at or after {@code sinceNanos}. */
  long successes(String kind, long sinceNanos) {
    return outcomes.stream().filter(o -> o.kind().equals(kind) && o.failure() == null && o.atNanos() >= sinceNanos)
        .count();
  }

  /** Waits until every kind of call has worked {@code n} times since {@code sinceNanos}. */
  void awaitEveryKindWorks(long sinceNanos, int n, Duration atMost) {
    await().atMost(atMost).until(() -> List.of("session", "ratelimit", "enqueue", "claim").stream()
        .allMatch(kind -> successes(kind, sinceNanos) >= n));
  }

  /**
   * Stops producing, lets the consumers drain the queue (claims lost in the failover come back
   * after the visibility timeout), stops every thread and accounts for the jobs.
   */
  Jobs finish(Duration drainAtMost) throws Exception {
    producing.set(false);
    // The breaker is one per deployment: failures on a dead master's keys may hold it open a moment longer.
    await().atMost(drainAtMost).ignoreException(UnavailableException.class).until(() -> {
      QueueStats stats = queue.stats();
      queue.redeliverStale();
      return stats.pending() == 0 && stats.processing() == 0;
    });
    running.set(false);
    for (Future<?> loop : loops) {
      loop.get(30, TimeUnit.SECONDS);
    }
    threads.shutdown();
    int lost = 0;
    int ackedTwice = 0;
    int redelivered = 0;
    for (String id : accepted) {
      int a = acks.getOrDefault(id, new AtomicInteger()).get();
      lost += a == 0 ? 1 : 0;
      ackedTwice += a > 1 ? 1 : 0;
      redelivered += deliveries.getOrDefault(id, new AtomicInteger()).get() > 1 ? 1 : 0;
    }
    int acked = (int) accepted.stream().filter(acks::containsKey).count();
    return new Jobs(accepted.size(), acked, lost, ackedTwice, redelivered);
  }

  /** Asserts that every failure was one of ours, and prints the outage window of each kind. */
  void assertTypedAndPrintWindows(String what) {
    List<Throwable> untyped = outcomes.stream().map(Outcome::failure)
        .filter(f -> f != null && !(f instanceof CitadelException)).toList();
    assertThat(untyped).as("every failure is a typed CitadelException").isEmpty();
    Map<String, List<Outcome>> byKind = new HashMap<>();
    outcomes.forEach(o -> byKind.computeIfAbsent(o.kind(), k -> new ArrayList<>()).add(o));
    byKind.forEach((kind, list) -> {
      list.sort((a, b) -> Long.compare(a.atNanos(), b.atNanos()));
      long firstFailure = -1;
      long window = -1;
      long failures = 0;
      long lastFailure = -1;
      Map<String, Integer> types = new HashMap<>();
      for (Outcome o : list) {
        if (o.failure() != null) {
          failures++;
          lastFailure = o.atNanos();
          types.merge(o.failure().getClass().getSimpleName(), 1, Integer::sum);
          if (firstFailure < 0) {
            firstFailure = o.atNanos();
          }
        } else if (firstFailure >= 0 && window < 0) {
          window = o.atNanos() - firstFailure;
        }
      }
      System.out.printf("%s: %-9s outage window %s ms (first failure to first success), failures for %s ms"
              + " (first to last; keys on live nodes kept working), %d failures %s, %d calls%n", what, kind,
          window < 0 ? "-" : String.valueOf(TimeUnit.NANOSECONDS.toMillis(window)),
          firstFailure < 0 ? "-" : String.valueOf(TimeUnit.NANOSECONDS.toMillis(lastFailure - firstFailure)),
          failures, types, list.size());
    });
  }

  @Override
  public void close() {
    running.set(false);
    threads.shutdownNow();
  }
}
