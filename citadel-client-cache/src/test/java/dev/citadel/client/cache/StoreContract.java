package dev.citadel.client.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.auth.ApiKeyCache;
import dev.citadel.client.cache.config.RedisConfig;
import dev.citadel.client.cache.lock.DistributedLock;
import dev.citadel.client.cache.lock.DistributedLocks;
import dev.citadel.client.cache.lock.LockTimeoutException;
import dev.citadel.client.cache.memory.ChatMessage;
import dev.citadel.client.cache.memory.ConversationMemory;
import dev.citadel.client.cache.metrics.MetricsStore;
import dev.citadel.client.cache.pubsub.Event;
import dev.citadel.client.cache.pubsub.Subscription;
import dev.citadel.client.cache.queue.Job;
import dev.citadel.client.cache.queue.JobQueue;
import dev.citadel.client.cache.queue.QueueStats;
import dev.citadel.client.cache.ratelimit.RateLimit;
import dev.citadel.client.cache.ratelimit.RateLimitDecision;
import dev.citadel.client.cache.response.ResponseCache;
import dev.citadel.client.cache.session.Session;
import dev.citadel.client.cache.session.SessionStore;
import dev.citadel.client.health.HealthCheck;
import dev.citadel.client.health.HealthReport;
import dev.citadel.client.resilience.BreakerState;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every deployment mode must show, run against a standalone server
 * ({@link StandaloneStoresIT}) and a 3-master cluster ({@link ClusterStoresIT}). Keys are read
 * back with plain Lettuce connections to the documented database, never through the stores;
 * expected keys are written out from seed 004's patterns.
 */
abstract class StoreContract {

  /** The cache with default store settings (quick resilience settings). */
  abstract CitadelCache cache();

  /** A cache with other settings; the caller closes it. */
  abstract CitadelCache newCache(UnaryOperator<RedisConfig.Builder> tweak);

  /** A plain connection to the database the slot is documented to use. */
  abstract RedisClusterCommands<String, String> raw(Slot slot);

  /** Whether keys carry hash tags (cluster mode). */
  abstract boolean hashTags();

  String tag(String part) {
    return hashTags() ? "{" + part + "}" : part;
  }

  static String unique(String base) {
    return base + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  record Prefs(String theme, int size) {}

  record Upload(String file, long bytes) {}

  // ---------------------------------------------------------------- sessions (slot 0)

  @Test
  void sessionsLiveInSlotZeroWithASlidingOneHourTtl() {
    SessionStore<String> sessions = cache().sessions();
    String user = unique("u");
    Session<String> session = sessions.create(user, "payload-1");
    String key = "session:user:" + tag(user) + ":" + session.sessionId();

    assertThat(session.sessionId()).matches("[A-Za-z0-9_-]{22}");
    assertThat(raw(Slot.SESSIONS).get(key)).isEqualTo("payload-1");
    assertThat(raw(Slot.SESSIONS).pttl(key)).isBetween(3_590_000L, 3_600_000L);

    raw(Slot.SESSIONS).pexpire(key, 5_000);
    raw(Slot.SESSIONS).pexpire("session:index:" + tag(user), 5_000);
    assertThat(sessions.get(user, session.sessionId())).contains("payload-1");
    assertThat(raw(Slot.SESSIONS).pttl(key)).as("get restarts the lifetime").isGreaterThan(3_590_000L);
    assertThat(raw(Slot.SESSIONS).pttl("session:index:" + tag(user)))
        .as("a get that extends a session extends its index past it").isGreaterThanOrEqualTo(7_190_000L);

    raw(Slot.SESSIONS).pexpire(key, 5_000);
    assertThat(sessions.touch(user, session.sessionId())).isTrue();
    assertThat(raw(Slot.SESSIONS).pttl(key)).as("touch restarts the lifetime").isGreaterThan(3_590_000L);
    assertThat(raw(Slot.SESSIONS).pttl("session:index:" + tag(user)))
        .as("the index outlives the session").isGreaterThanOrEqualTo(raw(Slot.SESSIONS).pttl(key));
  }

  @Test
  void sessionsAreUpdatedTouchedAndInvalidatedOnlyWhileTheyExist() {
    SessionStore<Prefs> sessions = cache().sessions(ValueCodec.json(Prefs.class));
    String user = unique("u");
    String sid = unique("s");
    sessions.create(user, sid, new Prefs("dark", 3));
    String key = "session:user:" + tag(user) + ":" + sid;
    assertThat(raw(Slot.SESSIONS).get(key)).isEqualTo("{\"theme\":\"dark\",\"size\":3}");

    assertThat(sessions.update(user, sid, new Prefs("light", 4))).isTrue();
    assertThat(sessions.get(user, sid)).contains(new Prefs("light", 4));
    assertThat(sessions.update(user, "missing", new Prefs("x", 1))).isFalse();
    assertThat(raw(Slot.SESSIONS).exists("session:user:" + tag(user) + ":missing")).isZero();
    assertThat(sessions.touch(user, "missing")).isFalse();

    assertThat(sessions.invalidate(user, sid)).isTrue();
    assertThat(sessions.get(user, sid)).isEmpty();
    assertThat(raw(Slot.SESSIONS).exists(key)).isZero();
    assertThat(sessions.invalidate(user, sid)).isFalse();
  }

  @Test
  void invalidateAllEndsEverySessionOfOneUserAndNoOtherUsers() {
    SessionStore<String> sessions = cache().sessions();
    String alice = unique("alice");
    String bob = unique("bob");
    List<String> aliceIds = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      aliceIds.add(sessions.create(alice, "a" + i).sessionId());
    }
    String bobId = sessions.create(bob, "b").sessionId();
    assertThat(sessions.sessionIds(alice)).containsExactlyInAnyOrderElementsOf(aliceIds);

    assertThat(sessions.invalidateAll(alice)).isEqualTo(3);

    for (String sid : aliceIds) {
      assertThat(raw(Slot.SESSIONS).exists("session:user:" + tag(alice) + ":" + sid)).isZero();
    }
    assertThat(raw(Slot.SESSIONS).exists("session:index:" + tag(alice))).isZero();
    assertThat(sessions.sessionIds(alice)).isEmpty();
    assertThat(sessions.get(bob, bobId)).contains("b");
    assertThat(sessions.invalidateAll(alice)).isZero();
  }

  // ---------------------------------------------------------------- API cache (slot 1)

  @Test
  void responsesLiveInSlotOneUnderEndpointAndRequestHashWithinTtlBounds() throws Exception {
    ResponseCache<String> api = cache().apiCache();
    String endpoint = unique("v1-models");
    String request = "GET /v1/models?owner=" + endpoint;
    String key = "cache:api:" + tag(endpoint) + ":" + sha256(request);

    api.put(endpoint, request, "{\"models\":[]}", Duration.ofSeconds(120));
    assertThat(raw(Slot.API_CACHE).get(key)).isEqualTo("{\"models\":[]}");
    assertThat(raw(Slot.API_CACHE).pttl(key)).isBetween(110_000L, 120_000L);
    assertThat(api.get(endpoint, request)).contains("{\"models\":[]}");

    api.put(endpoint, "other", "x");
    assertThat(raw(Slot.API_CACHE).pttl("cache:api:" + tag(endpoint) + ":" + sha256("other")))
        .as("redis.cache.default_ttl: 3600 s").isBetween(3_590_000L, 3_600_000L);

    assertThatThrownBy(() -> api.put(endpoint, "short", "x", Duration.ofSeconds(59)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("ttl:");
    assertThatThrownBy(() -> api.put(endpoint, "long", "x", Duration.ofSeconds(86_401)))
        .isInstanceOf(InvalidArgumentException.class);
    assertThat(raw(Slot.API_CACHE).exists("cache:api:" + tag(endpoint) + ":" + sha256("short"))).isZero();

    assertThat(api.invalidate(endpoint, request)).isTrue();
    assertThat(api.get(endpoint, request)).isEmpty();
  }

  @Test
  void getOrComputeRunsOneComputationForConcurrentCallers() throws Exception {
    ResponseCache<String> api = cache().apiCache();
    String endpoint = unique("chat");
    AtomicInteger computations = new AtomicInteger();
    int callers = 16;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return api.getOrCompute(endpoint, "prompt", Duration.ofMinutes(5),
              () -> "answer-" + computations.incrementAndGet());
        }));
      }
      start.countDown();
      for (Future<String> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("answer-1");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(computations).hasValue(1);
    assertThat(api.getOrCompute(endpoint, "prompt", () -> "again")).isEqualTo("answer-1");

    assertThatThrownBy(() -> api.getOrCompute(endpoint, "failing", () -> {
      throw new IllegalStateException("upstream down");
    })).isInstanceOf(IllegalStateException.class).hasMessage("upstream down");
    assertThat(api.get(endpoint, "failing")).as("a failed computation is not cached").isEmpty();
    assertThat(api.getOrCompute(endpoint, "failing", () -> "recovered")).isEqualTo("recovered");
  }

  @Test
  void invalidateEndpointRemovesEveryEntryOfThatEndpointOnly() throws Exception {
    ResponseCache<String> api = cache().apiCache();
    String gone = unique("search");
    String kept = unique("embed");
    for (int i = 0; i < 30; i++) {
      api.put(gone, "q" + i, "r" + i);
    }
    for (int i = 0; i < 5; i++) {
      api.put(kept, "q" + i, "r" + i);
    }

    assertThat(api.invalidateEndpoint(gone)).isEqualTo(30);

    for (int i = 0; i < 30; i++) {
      assertThat(raw(Slot.API_CACHE).exists("cache:api:" + tag(gone) + ":" + sha256("q" + i))).isZero();
    }
    for (int i = 0; i < 5; i++) {
      assertThat(raw(Slot.API_CACHE).get("cache:api:" + tag(kept) + ":" + sha256("q" + i))).isEqualTo("r" + i);
    }
  }

  @Test
  void apiKeyEntriesAreStoredOnceAndTombstonesWin() {
    ApiKeyCache keys = cache().apiKeyCache();
    String prefix = unique("ck_live");
    String key = "cache:api:apikeys:" + prefix;
    ApiKeyCache.Entry entry = new ApiKeyCache.Entry(UUID.randomUUID(), new byte[] {1, 2, 3}, "svc",
        Set.of("read"), Set.of("mixtral"), Instant.parse("2027-01-01T00:00:00Z"), false);
    assertThat(keys.get(prefix)).isEmpty();

    keys.putIfAbsent(prefix, entry, Duration.ofSeconds(90));
    keys.putIfAbsent(prefix, ApiKeyCache.Entry.unknown(), Duration.ofSeconds(90));
    ApiKeyCache.Entry read = keys.get(prefix).orElseThrow();
    assertThat(read.keyId()).isEqualTo(entry.keyId());
    assertThat(read.secretHash()).containsExactly(1, 2, 3);
    assertThat(read.scopes()).containsExactly("read");
    assertThat(read.expiresAt()).isEqualTo(entry.expiresAt());
    assertThat(raw(Slot.API_CACHE).pttl(key)).isBetween(80_000L, 90_000L);

    keys.putTombstone(prefix, Duration.ofSeconds(30));
    keys.putIfAbsent(prefix, entry, Duration.ofSeconds(90));
    assertThat(keys.get(prefix).orElseThrow().revoked()).isTrue();
    assertThat(keys.get("not:a:prefix")).as("fails soft on impossible prefixes").isEmpty();
  }

  // ---------------------------------------------------------------- queues (slot 2)

  @Test
  void jobsAreClaimedInOrderAndAcknowledgedJobsAreDeleted() {
    String name = unique("n8n");
    JobQueue<String> queue = cache().queue(name);
    String first = queue.enqueue("job-1");
    queue.enqueue("job-2");
    assertThat(queue.enqueue(first, "duplicate")).as("ids are unique while queued").isFalse();
    assertThat(raw(Slot.QUEUES).llen("queue:" + tag(name) + ":pending")).isEqualTo(2);

    Job<String> job = queue.claim().orElseThrow();
    assertThat(job.id()).isEqualTo(first);
    assertThat(job.payload()).isEqualTo("job-1");
    assertThat(job.attempt()).isEqualTo(1);
    assertThat(raw(Slot.QUEUES).lrange("queue:" + tag(name) + ":processing", 0, -1)).containsExactly(first);
    assertThat(raw(Slot.QUEUES).ttl("queue:" + tag(name) + ":pending")).as("queues have no TTL").isEqualTo(-1);

    assertThat(queue.ack(job)).isTrue();
    assertThat(queue.ack(job)).isFalse();
    assertThat(raw(Slot.QUEUES).hexists("queue:" + tag(name) + ":jobs", first)).isFalse();
    assertThat(queue.claim().orElseThrow().payload()).isEqualTo("job-2");
  }

  @Test
  void aJobClaimedByAConsumerThatDiesIsRedeliveredAndItsLateAckRefused() {
    try (CitadelCache fast = newCache(b -> b.queueVisibilityTimeout(Duration.ofMillis(300)))) {
      JobQueue<String> queue = fast.queue(unique("crash"));
      String id = queue.enqueue("work");
      Job<String> abandoned = queue.claim().orElseThrow();

      Job<String> redelivered = await().atMost(Duration.ofSeconds(10))
          .until(queue::claim, Optional::isPresent).orElseThrow();

      assertThat(redelivered.id()).isEqualTo(id);
      assertThat(redelivered.attempt()).isEqualTo(2);
      assertThat(redelivered.lastError()).isEqualTo("claim expired");
      assertThat(queue.ack(abandoned)).as("the dead consumer's delivery no longer holds the job").isFalse();
      assertThat(queue.extend(redelivered, Duration.ofSeconds(30))).isTrue();
      assertThat(queue.ack(redelivered)).isTrue();
      assertThat(queue.stats()).isEqualTo(new QueueStats(0, 0, 0));
    }
  }

  @Test
  void aJobFailingItsLastAttemptGoesToTheDeadLetterList() {
    try (CitadelCache fast = newCache(b -> b.queueMaxAttempts(3).queueVisibilityTimeout(Duration.ofMillis(300)))) {
      String name = unique("dlq");
      JobQueue<String> queue = fast.queue(name);
      String id = queue.enqueue("poison");
      for (int attempt = 1; attempt <= 3; attempt++) {
        Job<String> job = queue.claim().orElseThrow();
        assertThat(job.attempt()).isEqualTo(attempt);
        assertThat(queue.nack(job, "boom " + attempt)).isTrue();
      }
      assertThat(queue.claim()).isEmpty();
      assertThat(queue.stats().dead()).isEqualTo(1);
      assertThat(raw(Slot.QUEUES).lrange("queue:" + tag(name) + ":dead", 0, -1)).containsExactly(id);
      Job<String> dead = queue.deadLetters(10).get(0);
      assertThat(dead.id()).isEqualTo(id);
      assertThat(dead.payload()).isEqualTo("poison");
      assertThat(dead.attempt()).isEqualTo(3);
      assertThat(dead.lastError()).isEqualTo("boom 3");

      // Claims that expire count as failed attempts too.
      String expiring = queue.enqueue("slow");
      for (int attempt = 1; attempt <= 3; attempt++) {
        int expected = attempt;
        Job<String> job = await().atMost(Duration.ofSeconds(10)).until(queue::claim, Optional::isPresent)
            .orElseThrow();
        assertThat(job.attempt()).isEqualTo(expected);
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        queue.redeliverStale();
        return queue.deadLetters(10).stream().anyMatch(j -> j.id().equals(expiring));
      });

      assertThat(queue.retryDeadLetter(id)).isTrue();
      Job<String> retried = queue.claim().orElseThrow();
      assertThat(retried.id()).isEqualTo(id);
      assertThat(retried.attempt()).as("attempts restart").isEqualTo(1);
      assertThat(queue.ack(retried)).isTrue();
      assertThat(queue.purgeDeadLetters()).isEqualTo(1);
      assertThat(queue.stats()).isEqualTo(new QueueStats(0, 0, 0));
      assertThat(raw(Slot.QUEUES).hlen("queue:" + tag(name) + ":jobs")).isZero();
    }
  }

  @Test
  void aDeliveryFromBeforeARetryFromTheDeadLetterListNoLongerHoldsTheJob() {
    try (CitadelCache fast =
        newCache(b -> b.queueMaxAttempts(1).queueVisibilityTimeout(Duration.ofMillis(300)))) {
      JobQueue<String> queue = fast.queue(unique("retried"));
      String id = queue.enqueue("slow");
      Job<String> stale = queue.claim().orElseThrow();
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        queue.redeliverStale();
        return queue.stats().dead() == 1;
      });
      assertThat(queue.retryDeadLetter(id)).isTrue();
      Job<String> current = queue.claim().orElseThrow();
      assertThat(current.attempt()).as("attempts restart").isEqualTo(stale.attempt());

      assertThat(queue.ack(stale)).as("the delivery from before the retry").isFalse();
      assertThat(queue.nack(stale, "late")).isFalse();
      assertThat(queue.extend(stale, Duration.ofSeconds(30))).isFalse();
      assertThat(queue.ack(current)).isTrue();
      assertThat(queue.stats()).isEqualTo(new QueueStats(0, 0, 0));
    }
  }

  @Test
  void aDeliveryOfAnEarlierJobWithTheSameIdCannotAckItsSuccessor() {
    JobQueue<String> queue = cache().queue(unique("reused"));
    String id = unique("order");
    assertThat(queue.enqueue(id, "first")).isTrue();
    Job<String> earlier = queue.claim().orElseThrow();
    assertThat(queue.ack(earlier)).isTrue();

    assertThat(queue.enqueue(id, "second")).as("the id is free once the job is done").isTrue();
    Job<String> current = queue.claim().orElseThrow();
    assertThat(current.payload()).isEqualTo("second");
    assertThat(queue.ack(earlier)).as("a repeated ack of the earlier job").isFalse();
    assertThat(queue.nack(earlier, "late")).isFalse();
    assertThat(queue.stats().processing()).isEqualTo(1);
    assertThat(queue.ack(current)).isTrue();
  }

  @Test
  void aBlockedClaimReturnsTheJobEnqueuedWhileItWaits() throws Exception {
    JobQueue<String> queue = cache().queue(unique("wait"));
    CompletableFuture<Optional<Job<String>>> waiting =
        CompletableFuture.supplyAsync(() -> queue.claim(Duration.ofSeconds(20)));
    String id = queue.enqueue("late");

    Optional<Job<String>> job = waiting.get(15, TimeUnit.SECONDS);
    assertThat(job).isPresent();
    assertThat(job.get().id()).isEqualTo(id);
    assertThat(queue.ack(job.get())).isTrue();
    assertThat(queue.claim(Duration.ofMillis(50))).isEmpty();
  }

  @Test
  void tenThousandJobsAcrossFourConsumersAreEachDoneExactlyOnce() throws Exception {
    String name = unique("bulk");
    JobQueue<String> producer = cache().queue(name);
    int total = 10_000;
    List<String> payloads = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      payloads.add("p" + i);
    }
    List<String> ids = producer.enqueueAll(payloads);
    Map<String, Integer> done = new ConcurrentHashMap<>();
    Map<String, String> payloadById = new ConcurrentHashMap<>();
    AtomicInteger failedAcks = new AtomicInteger();
    ExecutorService consumers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        JobQueue<String> queue = cache().queue(name);
        running.add(consumers.submit(() -> {
          Optional<Job<String>> job;
          while ((job = queue.claim(Duration.ofMillis(300))).isPresent()) {
            done.merge(job.get().id(), 1, Integer::sum);
            payloadById.put(job.get().id(), job.get().payload());
            if (!queue.ack(job.get())) {
              failedAcks.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      consumers.shutdownNow();
    }
    assertThat(done).hasSize(total);
    assertThat(done.values()).allMatch(n -> n == 1);
    assertThat(done.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    for (int i = 0; i < total; i++) {
      assertThat(payloadById.get(ids.get(i))).isEqualTo("p" + i);
    }
    assertThat(failedAcks).hasValue(0);
    assertThat(producer.stats()).isEqualTo(new QueueStats(0, 0, 0));
  }

  // ---------------------------------------------------------------- pub/sub (slot 3)

  @Test
  void subscribersReceiveTypedEventsOnTheConventionalChannel() throws Exception {
    String event = unique("uploaded");
    BlockingQueue<Event<Upload>> received = new LinkedBlockingQueue<>();
    ValueCodec<Upload> codec = ValueCodec.json(Upload.class);
    try (Subscription subscription = cache().pubSub().subscribe("files", event, codec, received::add)) {
      assertThat(subscription.channel()).isEqualTo("pubsub:files:" + event);
      long receivers = cache().pubSub().publish("files", event, codec, new Upload("a.pdf", 42));
      if (!hashTags()) {
        // A cluster broadcasts PUBLISH to every node but counts only the receiving node's subscribers.
        assertThat(receivers).isEqualTo(1);
      }

      Event<Upload> got = received.poll(10, TimeUnit.SECONDS);
      assertThat(got).isEqualTo(new Event<>("files", event, "pubsub:files:" + event, new Upload("a.pdf", 42)));

      // A publisher that is not this SDK, on the documented channel name.
      raw(Slot.PUBSUB).publish("pubsub:files:" + event, "{\"file\":\"b.txt\",\"bytes\":7}");
      assertThat(received.poll(10, TimeUnit.SECONDS).payload()).isEqualTo(new Upload("b.txt", 7));
    }
    assertThat(cache().pubSub().publish("files", event, codec, new Upload("c", 1)))
        .as("no subscriber after close").isZero();
  }

  @Test
  void aDomainSubscriptionSeesEveryEventOfTheDomain() throws Exception {
    String domain = unique("workflow");
    BlockingQueue<Event<String>> received = new LinkedBlockingQueue<>();
    try (Subscription subscription = cache().pubSub().subscribeDomain(domain, ValueCodec.utf8(), received::add)) {
      assertThat(subscription.channel()).isEqualTo("pubsub:" + domain + ":*");
      cache().pubSub().publish(domain, "started", "w1");
      cache().pubSub().publish(domain, "completed", "w1");
      cache().pubSub().publish("other", "completed", "w2");
      Event<String> a = received.poll(10, TimeUnit.SECONDS);
      Event<String> b = received.poll(10, TimeUnit.SECONDS);
      assertThat(List.of(a.event(), b.event())).containsExactly("started", "completed");
      assertThat(a.domain()).isEqualTo(domain);
      assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }
  }

  // ---------------------------------------------------------------- memory (slot 4)

  @Test
  void conversationsKeepTheNewestMessagesForAnHour() {
    ConversationMemory<ChatMessage> memory = cache().memory();
    String conversation = unique("conv");
    String key = "ai:memory:conv:" + conversation;
    Instant at = Instant.parse("2026-01-16T00:00:00Z");
    memory.append(conversation, new ChatMessage("system", "be brief", at));
    memory.append(conversation, new ChatMessage("user", "hi", at.plusSeconds(1)));
    assertThat(memory.append(conversation, new ChatMessage("assistant", "hello", at.plusSeconds(2)))).isEqualTo(3);

    assertThat(raw(Slot.MEMORY).llen(key)).isEqualTo(3);
    assertThat(raw(Slot.MEMORY).pttl(key)).isBetween(3_590_000L, 3_600_000L);
    assertThat(raw(Slot.MEMORY).lindex(key, 1))
        .isEqualTo("{\"role\":\"user\",\"content\":\"hi\",\"timestamp\":\"2026-01-16T00:00:01Z\"}");
    assertThat(memory.last(conversation, 2)).extracting(ChatMessage::content).containsExactly("hi", "hello");

    List<ChatMessage> many = new ArrayList<>();
    for (int i = 0; i < 105; i++) {
      many.add(new ChatMessage("user", "m" + i, at));
    }
    assertThat(memory.appendAll(conversation, many)).as("redis.memory.max_messages: 100").isEqualTo(100);
    assertThat(memory.all(conversation).get(0).content()).isEqualTo("m5");
    assertThat(memory.trim(conversation, 10)).isEqualTo(10);
    assertThat(memory.last(conversation, 50)).extracting(ChatMessage::content).startsWith("m95").endsWith("m104");
    assertThat(memory.clear(conversation)).isTrue();
    assertThat(memory.size(conversation)).isZero();
  }

  // ---------------------------------------------------------------- rate limits (slot 5)

  @Test
  void decisionsCountDownAndTellWhenToRetry() {
    String id = unique("user");
    RateLimit limit = RateLimit.of(3, Duration.ofSeconds(10));
    List<RateLimitDecision> decisions = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      decisions.add(cache().rateLimiter().tryAcquire("api", id, limit));
    }
    assertThat(decisions).extracting(RateLimitDecision::allowed).containsExactly(true, true, true, false);
    assertThat(decisions).extracting(RateLimitDecision::remaining).containsExactly(2, 1, 0, 0);
    assertThat(decisions.get(3).retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(10));
    String key = "ratelimit:api:" + id + ":10s";
    assertThat(raw(Slot.RATE_LIMITS).zcard(key)).isEqualTo(3);
    assertThat(raw(Slot.RATE_LIMITS).pttl(key)).isBetween(1L, 10_000L);

    cache().rateLimiter().reset("api", id, limit);
    assertThat(cache().rateLimiter().tryAcquire("api", id, limit, 3).allowed()).isTrue();
  }

  @Test
  void twentyThreadsOnEachOfTwoClientsNeverExceedTheLimitInAnyWindow() throws Exception {
    String id = unique("hot");
    RateLimit limit = RateLimit.of(25, Duration.ofMillis(400));
    List<Instant> granted = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger denied = new AtomicInteger();
    try (CitadelCache second = newCache(UnaryOperator.identity())) {
      List<CitadelCache> clients = List.of(cache(), second);
      ExecutorService pool = Executors.newFixedThreadPool(40);
      CountDownLatch start = new CountDownLatch(1);
      long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
      List<Future<?>> running = new ArrayList<>();
      for (CitadelCache client : clients) {
        for (int t = 0; t < 20; t++) {
          running.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < 2_000 && System.nanoTime() < end; i++) {
              RateLimitDecision d = client.rateLimiter().tryAcquire("api", id, limit);
              if (d.allowed()) {
                granted.add(d.decidedAt());
              } else {
                denied.incrementAndGet();
              }
            }
            return null;
          }));
        }
      }
      start.countDown();
      for (Future<?> f : running) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
    }
    List<Instant> times = new ArrayList<>(granted);
    Collections.sort(times);
    assertThat(denied.get()).as("the limit was actually reached").isPositive();
    assertThat(times.size()).as("more than one window passed").isGreaterThan(limit.limit());
    for (int i = 0; i < times.size(); i++) {
      Instant windowEnd = times.get(i).plus(limit.window());
      int inWindow = 0;
      for (int j = i; j < times.size() && times.get(j).isBefore(windowEnd); j++) {
        inWindow++;
      }
      assertThat(inWindow).as("grants in the window starting at %s", times.get(i)).isLessThanOrEqualTo(limit.limit());
    }
  }

  // ---------------------------------------------------------------- locks (slot 6)

  @Test
  void locksLiveInSlotSixWithAThirtySecondLeaseAndIncreasingFencingTokens() {
    DistributedLocks locks = cache().locks();
    String resource = "document";
    String id = unique("doc");
    String key = hashTags() ? "lock:{" + resource + ":" + id + "}" : "lock:" + resource + ":" + id;
    DistributedLock first = locks.tryAcquire(resource, id).orElseThrow();

    assertThat(raw(Slot.LOCKS).get(key)).isEqualTo(first.token());
    assertThat(raw(Slot.LOCKS).pttl(key)).isBetween(20_000L, 30_000L);
    assertThat(locks.isLocked(resource, id)).isTrue();
    assertThat(locks.tryAcquire(resource, id)).isEmpty();

    raw(Slot.LOCKS).pexpire(key, 2_000);
    assertThat(first.renew()).isTrue();
    assertThat(raw(Slot.LOCKS).pttl(key)).isGreaterThan(29_000L);
    assertThat(first.isHeld()).isTrue();
    first.close();
    assertThat(raw(Slot.LOCKS).exists(key)).isZero();

    try (DistributedLock second = locks.acquire(resource, id, Duration.ofSeconds(1))) {
      assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
    }
  }

  @Test
  void onlyTheOwnerCanReleaseALock() {
    DistributedLocks locks = cache().locks();
    String id = unique("res");
    String key = hashTags() ? "lock:{job:" + id + "}" : "lock:job:" + id;
    try (DistributedLock owner = locks.acquire("job", id, Duration.ofSeconds(1))) {
      assertThat(locks.release("job", id, "not-the-owner")).isFalse();
      assertThat(raw(Slot.LOCKS).get(key)).isEqualTo(owner.token());
      assertThat(locks.tryAcquire("job", id)).isEmpty();
      assertThat(owner.isHeld()).isTrue();
    }
    assertThat(locks.isLocked("job", id)).isFalse();
  }

  @Test
  void anExpiredLockCanBeTakenAndTheOldOwnerCannotReleaseOrRenewIt() {
    DistributedLocks locks = cache().locks();
    String id = unique("res");
    String key = hashTags() ? "lock:{job:" + id + "}" : "lock:job:" + id;
    DistributedLock old = locks.tryAcquire("job", id, Duration.ofMillis(200), Duration.ZERO).orElseThrow();

    DistributedLock next = await().atMost(Duration.ofSeconds(10))
        .until(() -> locks.tryAcquire("job", id, Duration.ofSeconds(30), Duration.ZERO), Optional::isPresent)
        .orElseThrow();

    assertThat(old.release()).isFalse();
    assertThat(old.renew()).isFalse();
    assertThat(old.isHeld()).isFalse();
    assertThat(raw(Slot.LOCKS).get(key)).isEqualTo(next.token());
    assertThat(next.fencingToken()).isGreaterThan(old.fencingToken());
    assertThat(next.release()).isTrue();
  }

  @Test
  void fencingTokensKeepIncreasingWhenTheirCounterIsEvictedAndTheCounterGoesWithTheLock() {
    DistributedLocks locks = cache().locks();
    String id = unique("fenced");
    String key = hashTags() ? "lock:{job:" + id + "}" : "lock:job:" + id;
    long first;
    try (DistributedLock lock = locks.acquire("job", id, Duration.ofSeconds(5), Duration.ofSeconds(1))) {
      first = lock.fencingToken();
      assertThat(raw(Slot.LOCKS).pttl(key + ":fence")).as("the counter has a TTL").isBetween(1L, 5_000L);
    }
    raw(Slot.LOCKS).del(key + ":fence"); // what eviction under memory pressure does
    try (DistributedLock lock = locks.acquire("job", id, Duration.ofSeconds(5), Duration.ofSeconds(1))) {
      assertThat(lock.fencingToken()).isGreaterThan(first);
    }

    // A lease left to expire: neither the lock nor its counter stays behind.
    String abandoned = unique("abandoned");
    String abandonedKey = hashTags() ? "lock:{job:" + abandoned + "}" : "lock:job:" + abandoned;
    locks.tryAcquire("job", abandoned, Duration.ofMillis(200), Duration.ZERO).orElseThrow();
    await().atMost(Duration.ofSeconds(10))
        .until(() -> raw(Slot.LOCKS).exists(abandonedKey, abandonedKey + ":fence") == 0);
  }

  @Test
  void aWaitForAHeldLockPollsUntilItIsFreeAndGivesUpAfterTheWait() {
    DistributedLocks locks = cache().locks();
    String id = unique("held");
    DistributedLock holder = locks.tryAcquire("job", id, Duration.ofSeconds(30), Duration.ZERO).orElseThrow();
    long start = System.nanoTime();
    assertThatThrownBy(() -> locks.acquire("job", id, Duration.ofMillis(300)))
        .isInstanceOf(LockTimeoutException.class);
    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(5));
    holder.release();

    // A lease that runs out while someone waits: the waiter takes the lock at its next poll.
    DistributedLock expiring = locks.tryAcquire("job", id, Duration.ofMillis(200), Duration.ZERO).orElseThrow();
    try (DistributedLock next = locks.acquire("job", id, Duration.ofSeconds(30), Duration.ofSeconds(10))) {
      assertThat(next.fencingToken()).isGreaterThan(expiring.fencingToken());
    }
  }

  @Test
  void fiftyContendingThreadsNeverHoldTheLockTogether() throws Exception {
    DistributedLocks locks = cache().locks();
    String id = unique("hot");
    AtomicInteger holders = new AtomicInteger();
    AtomicInteger maxHolders = new AtomicInteger();
    List<Long> fencingOrder = Collections.synchronizedList(new ArrayList<>());
    int threads = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        running.add(pool.submit(() -> {
          start.await();
          for (int round = 0; round < 2; round++) {
            try (DistributedLock lock = locks.acquire("counter", id, Duration.ofSeconds(10), Duration.ofSeconds(60))) {
              int now = holders.incrementAndGet();
              maxHolders.accumulateAndGet(now, Math::max);
              fencingOrder.add(lock.fencingToken());
              Thread.yield();
              holders.decrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : running) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(maxHolders).hasValue(1);
    assertThat(fencingOrder).hasSize(2 * threads);
    for (int i = 1; i < fencingOrder.size(); i++) {
      assertThat(fencingOrder.get(i)).isGreaterThan(fencingOrder.get(i - 1));
    }
  }

  // ---------------------------------------------------------------- metrics (slot 7)

  @Test
  void countersAndGaugesLiveInSlotSevenForFiveMinutes() {
    MetricsStore metrics = cache().metricsStore();
    String name = unique("api.requests");
    metrics.increment(name);
    metrics.increment(name);
    metrics.increment(name, 6);
    String key = "metrics:counter:" + name;

    Map<String, String> buckets = raw(Slot.METRICS).hgetall(key);
    assertThat(buckets.values().stream().mapToLong(Long::parseLong).sum()).isEqualTo(8);
    assertThat(buckets.keySet()).allSatisfy(start -> assertThat(Long.parseLong(start) % 60_000).isZero());
    assertThat(raw(Slot.METRICS).pttl(key)).isBetween(290_000L, 300_000L);
    assertThat(metrics.count(name, Duration.ofMinutes(5))).isEqualTo(8);
    assertThat(metrics.buckets(name).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(8);
    assertThatThrownBy(() -> metrics.count(name, Duration.ofMinutes(6))).isInstanceOf(InvalidArgumentException.class);

    String gauge = unique("queue.depth");
    metrics.gauge(gauge, 0.75);
    assertThat(raw(Slot.METRICS).get("metrics:gauge:" + gauge)).isEqualTo("0.75");
    assertThat(raw(Slot.METRICS).pttl("metrics:gauge:" + gauge)).isBetween(290_000L, 300_000L);
    assertThat(metrics.gauge(gauge)).hasValue(0.75);
    assertThat(metrics.gauge(unique("never"))).isEmpty();
  }

  // ---------------------------------------------------------------- errors and health

  @Test
  void requestErrorsAreTypedAndLeaveTheBreakerClosed() throws Exception {
    String endpoint = unique("typed");
    raw(Slot.API_CACHE).lpush("cache:api:" + tag(endpoint) + ":" + sha256("r"), "a list, not a string");
    for (int i = 0; i < 6; i++) {
      assertThatThrownBy(() -> cache().apiCache().get(endpoint, "r"))
          .isInstanceOfSatisfying(RedisCommandException.class,
              e -> assertThat(e.errorCode()).isEqualTo("WRONGTYPE"));
    }
    assertThat(cache().breakerState()).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void healthReportsPingRoundTripAndMemoryAgainstTheIntendedSettings() {
    HealthReport report = cache().health();
    assertThat(report.checks()).extracting(HealthCheck::name)
        .containsExactly("redis.ping", "redis.roundtrip", "redis.memory", "redis.eviction");
    assertThat(report.healthy()).as(report.toString()).isTrue();
    assertThat(report.check("redis.ping").orElseThrow().attributes()).containsKeys("version", "nodes", "breaker");

    String serverPolicy = CacheHealthInfo.policy(raw(Slot.METRICS).info("memory"));
    String otherPolicy = "allkeys-lru".equals(serverPolicy) ? "volatile-lru" : "allkeys-lru";
    try (CitadelCache drifted = newCache(b -> b.evictionPolicy(otherPolicy))) {
      HealthCheck memory = drifted.health().check("redis.memory").orElseThrow();
      assertThat(memory.isUp()).isFalse();
      assertThat(memory.detail()).contains("maxmemory-policy is " + serverPolicy, otherPolicy);
    }
  }

  /** Reads INFO text the way an operator would. */
  static final class CacheHealthInfo {
    static String policy(String info) {
      for (String line : info.split("\r?\n")) {
        if (line.startsWith("maxmemory_policy:")) {
          return line.substring("maxmemory_policy:".length()).trim();
        }
      }
      throw new AssertionError("INFO memory has no maxmemory_policy");
    }
  }
}
