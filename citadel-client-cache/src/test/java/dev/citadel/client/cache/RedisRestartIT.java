package dev.citadel.client.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.UnavailableException;
import dev.citadel.client.cache.queue.Job;
import dev.citadel.client.cache.queue.JobQueue;
import dev.citadel.client.cache.response.ResponseCache;
import dev.citadel.client.cache.support.TestRedis;
import dev.citadel.client.health.HealthCheck;
import dev.citadel.client.health.HealthStatus;
import dev.citadel.client.testkit.RedisServer;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A Redis of the test's own stopped or restarted under live callers: whatever was in flight when
 * the socket dropped fails as {@link UnavailableException}, never as a bare
 * {@link dev.citadel.client.CitadelException}; a computed value survives a failed cache write.
 */
class RedisRestartIT {

  @Test
  void aBlockedClaimFailsAsUnavailableWhenRedisStops() throws Exception {
    try (TestRedis.PrivateServer own = TestRedis.privateServer();
        TestRedis.Raw raw = TestRedis.Raw.of(own.server());
        CitadelCache cache = TestRedis.cache(TestRedis.standalone(own.server()), UnaryOperator.identity())) {
      JobQueue<String> queue = cache.queue("blocked");
      CompletableFuture<Optional<Job<String>>> claim =
          CompletableFuture.supplyAsync(() -> queue.claim(Duration.ofSeconds(60)));
      awaitBlockedClient(raw.db(Slot.QUEUES.database()));

      own.server().stop();

      assertThat(failureOf(claim)).isInstanceOfSatisfying(UnavailableException.class,
          e -> assertThat(e.backend()).isEqualTo("redis"));
    }
  }

  @Test
  void aBlockedClaimFailsAsUnavailableAcrossARestartAndTheQueueWorksAfterwards() throws Exception {
    try (TestRedis.PrivateServer own = TestRedis.privateServer();
        TestRedis.Raw raw = TestRedis.Raw.of(own.server());
        CitadelCache cache = TestRedis.cache(TestRedis.standalone(own.server()), UnaryOperator.identity())) {
      RedisServer server = own.server();
      JobQueue<String> queue = cache.queue("restarted");
      CompletableFuture<Optional<Job<String>>> claim =
          CompletableFuture.supplyAsync(() -> queue.claim(Duration.ofSeconds(60)));
      awaitBlockedClient(raw.db(Slot.QUEUES.database()));

      server.stop();
      server.start();

      assertThat(failureOf(claim)).isInstanceOf(UnavailableException.class);
      String id = await().atMost(Duration.ofSeconds(30))
          .ignoreExceptionsInstanceOf(UnavailableException.class)
          .until(() -> queue.enqueue("after restart"), enqueued -> enqueued != null);
      Job<String> job = queue.claim(Duration.ofSeconds(5)).orElseThrow();
      assertThat(job.id()).isEqualTo(id);
      assertThat(queue.ack(job)).isTrue();
    }
  }

  @Test
  void concurrentGetsDuringRestartsSeeValuesOrUnavailableOnly() throws Exception {
    try (TestRedis.PrivateServer own = TestRedis.privateServer();
        CitadelCache cache = TestRedis.cache(TestRedis.standalone(own.server()), UnaryOperator.identity())) {
      RedisServer server = own.server();
      ResponseCache<String> api = cache.apiCache();
      api.put("models", "list", "gpt");
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger values = new AtomicInteger();
      AtomicInteger unavailable = new AtomicInteger();
      ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
      int callers = 8;
      ExecutorService pool = Executors.newFixedThreadPool(callers);
      try {
        List<Future<?>> loops = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
          loops.add(pool.submit(() -> {
            while (running.get()) {
              try {
                api.get("models", "list");
                values.incrementAndGet();
              } catch (UnavailableException e) {
                unavailable.incrementAndGet();
              } catch (RuntimeException e) {
                unexpected.add(e);
              }
            }
          }));
        }
        for (int restart = 0; restart < 3; restart++) {
          int before = values.get();
          await().atMost(Duration.ofSeconds(30)).until(() -> values.get() > before + 100);
          server.stop();
          server.start();
        }
        int before = values.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> values.get() > before + 100);
        running.set(false);
        for (Future<?> loop : loops) {
          loop.get(30, TimeUnit.SECONDS);
        }
      } finally {
        running.set(false);
        pool.shutdownNow();
      }
      assertThat(unexpected).as("failures other than UnavailableException").isEmpty();
      assertThat(unavailable.get()).as("the restarts were seen by the callers").isPositive();
    }
  }

  @Test
  void getOrComputeReturnsTheComputedValueWhenTheCacheWriteFails() {
    try (TestRedis.PrivateServer own = TestRedis.privateServer();
        CitadelCache cache = TestRedis.cache(TestRedis.standalone(own.server()), UnaryOperator.identity())) {
      ResponseCache<String> api = cache.apiCache();
      String value = api.getOrCompute("chat", "prompt", () -> {
        own.server().stop();
        return "computed while Redis went away";
      });
      assertThat(value).isEqualTo("computed while Redis went away");

      own.server().start();
      await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(UnavailableException.class)
          .until(() -> api.get("chat", "prompt").isEmpty());
      assertThat(api.getOrCompute("chat", "prompt", () -> "cached")).isEqualTo("cached");
      assertThat(api.get("chat", "prompt")).contains("cached");
    }
  }

  @Test
  void healthReportsAnEvictionPolicyThatCanDropQueuedJobsAndLocks() {
    try (TestRedis.PrivateServer own = TestRedis.privateServer();
        TestRedis.Raw raw = TestRedis.Raw.of(own.server());
        CitadelCache cache = TestRedis.cache(TestRedis.standalone(own.server()), UnaryOperator.identity())) {
      RedisClusterCommands<String, String> admin = raw.db(0);
      assertThat(eviction(cache).status()).as("no maxmemory: nothing is evicted").isEqualTo(HealthStatus.UP);

      admin.configSet("maxmemory", "512mb");
      admin.configSet("maxmemory-policy", "allkeys-lru");
      HealthCheck allKeys = eviction(cache);
      assertThat(allKeys.status()).isEqualTo(HealthStatus.DOWN);
      assertThat(allKeys.detail()).contains("allkeys-lru").contains("noeviction").contains("volatile-");

      admin.configSet("maxmemory-policy", "volatile-lru");
      HealthCheck volatileKeys = eviction(cache);
      assertThat(volatileKeys.status()).isEqualTo(HealthStatus.UP);
      assertThat(volatileKeys.detail()).contains("volatile-lru").contains("lock");

      admin.configSet("maxmemory-policy", "noeviction");
      assertThat(eviction(cache).status()).isEqualTo(HealthStatus.UP);
      assertThat(cache.health().healthy()).isTrue();
    }
  }

  private static HealthCheck eviction(CitadelCache cache) {
    return cache.health().check("redis.eviction").orElseThrow();
  }

  /** Waits until the claim's BLMOVE is blocked in the server, i.e. in flight on its connection. */
  private static void awaitBlockedClient(RedisClusterCommands<String, String> redis) {
    await().atMost(Duration.ofSeconds(20))
        .until(() -> redis.info("clients").contains("blocked_clients:1"));
  }

  private static Throwable failureOf(CompletableFuture<?> call) throws Exception {
    try {
      call.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the claim returned instead of failing");
  }
}
