package dev.citadel.client.cache;

import dev.citadel.client.ConfigException;
import dev.citadel.client.audit.AuditAnchorStore;
import dev.citadel.client.auth.ApiKeyCache;
import dev.citadel.client.cache.config.RedisConfig;
import dev.citadel.client.cache.internal.CacheHealth;
import dev.citadel.client.cache.internal.CachedConversations;
import dev.citadel.client.cache.internal.RedisApiKeyCache;
import dev.citadel.client.cache.internal.RedisAuditAnchorStore;
import dev.citadel.client.cache.internal.RedisBackend;
import dev.citadel.client.cache.internal.RedisConversationMemory;
import dev.citadel.client.cache.internal.RedisDistributedLocks;
import dev.citadel.client.cache.internal.RedisJobQueue;
import dev.citadel.client.cache.internal.RedisMetricsStore;
import dev.citadel.client.cache.internal.RedisPubSub;
import dev.citadel.client.cache.internal.RedisRateLimiter;
import dev.citadel.client.cache.internal.RedisResponseCache;
import dev.citadel.client.cache.internal.RedisSessionStore;
import dev.citadel.client.cache.internal.SessionIndexRefreshes;
import dev.citadel.client.cache.internal.SingleFlight;
import dev.citadel.client.cache.lock.DistributedLocks;
import dev.citadel.client.cache.memory.ChatMessage;
import dev.citadel.client.cache.memory.ConversationMemory;
import dev.citadel.client.cache.metrics.MetricsStore;
import dev.citadel.client.cache.pubsub.PubSub;
import dev.citadel.client.cache.queue.JobQueue;
import dev.citadel.client.cache.ratelimit.RateLimiter;
import dev.citadel.client.cache.response.ResponseCache;
import dev.citadel.client.cache.session.SessionStore;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.conversation.Conversations;
import dev.citadel.client.health.HealthReport;
import dev.citadel.client.metrics.CitadelMetrics;
import dev.citadel.client.resilience.BreakerState;
import dev.citadel.client.spi.CitadelExtension;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis conventions of seed 004 as typed stores, one per slot, over Lettuce, configured from
 * the {@code redis:} section of the same config as core:
 *
 * <pre>{@code
 * try (CitadelCache cache = CitadelCache.create(CitadelConfig.load(Path.of("database.yaml")))) {
 *   Session<String> s = cache.sessions().create("42", "{\"theme\":\"dark\"}");   // DB 0
 *   String body = cache.apiCache().getOrCompute("v1-models", query, () -> fetch(query)); // DB 1
 *   RateLimitDecision d = cache.rateLimiter().tryAcquire("api", "42", RateLimit.perMinute(60)); // DB 5
 *   try (DistributedLock lock = cache.locks().acquire("document", "7", Duration.ofSeconds(5))) { ... } // DB 6
 * }
 * }</pre>
 *
 * <p>Connections (one shared, thread-safe connection per slot, opened on first use) belong to
 * this object and are closed by {@link #close()}; a Redis that is down when this is created does
 * not fail creation. Every call runs under core's retry and circuit-breaker policy for the backend
 * {@code redis}: transient failures (no connection, timeouts) are retried when that is safe, and
 * surface as {@link dev.citadel.client.UnavailableException}, at once while the breaker is open;
 * errors Redis reports about a request are {@link RedisCommandException}; bad arguments are
 * {@link dev.citadel.client.InvalidArgumentException} (oversized values its subclass
 * {@link ValueTooLargeException}). Store objects are cheap views sharing those connections:
 * create them as needed or keep them. Thread-safe; create one per application.
 */
public final class CitadelCache implements CitadelExtension {
  private static final Logger LOG = LoggerFactory.getLogger(CitadelCache.class);

  private final RedisBackend backend;
  private final SingleFlight singleFlight = new SingleFlight();
  private final SessionIndexRefreshes sessionIndexRefreshes = new SessionIndexRefreshes();
  private final RedisRateLimiter rateLimiter;
  private final RedisDistributedLocks locks;
  private final RedisMetricsStore metricsStore;
  private final RedisPubSub pubSub;
  private final RedisApiKeyCache apiKeyCache;
  private final RedisAuditAnchorStore auditAnchors;
  private volatile boolean closed;

  private CitadelCache(RedisBackend backend) {
    this.backend = backend;
    this.rateLimiter = new RedisRateLimiter(backend);
    this.locks = new RedisDistributedLocks(backend);
    this.metricsStore = new RedisMetricsStore(backend);
    this.pubSub = new RedisPubSub(backend);
    this.apiKeyCache = new RedisApiKeyCache(backend);
    this.auditAnchors = new RedisAuditAnchorStore(backend);
  }

  /** {@link #create(CitadelConfig, CitadelMetrics)} without metrics. */
  public static CitadelCache create(CitadelConfig config) {
    return create(config, CitadelMetrics.NOOP);
  }

  /**
   * Creates the cache client. Opens no connection yet.
   *
   * @param config must have a {@code redis:} section; its {@code client.name} names connections
   *     ({@code CLIENT SETNAME}) and metrics
   * @param metrics receives a {@code recordCall} per store operation (backend {@code redis},
   *     operations such as {@code session.get}) and the breaker's state; stays the caller's
   * @throws ConfigException when the config has no redis section
   */
  public static CitadelCache create(CitadelConfig config, CitadelMetrics metrics) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(metrics, "metrics");
    RedisConfig redis = config.section(RedisConfig.class).orElseThrow(() -> new ConfigException("redis",
        "is required by the cache module: add a redis: section (or CITADEL_REDIS_* variables)"));
    RedisBackend backend = new RedisBackend(redis, config.clientName(), config.resilience(), metrics);
    LOG.info("redis: cache client {} created for {} (slots as {}{})", config.clientName(),
        backend.connections().description(), redis.effectiveSlotMapping().name().toLowerCase(Locale.ROOT),
        redis.keyPrefix() == null ? "" : ", key prefix " + redis.keyPrefix());
    return new CitadelCache(backend);
  }

  /** The settings in use (secrets masked in its toString). */
  public RedisConfig config() {
    return backend.config();
  }

  /** The database number a slot's keys live in: {@link Slot#database()}, or 0 with prefixes. */
  public int database(Slot slot) {
    return backend.connections().database(slot);
  }

  /** Slot 0 with UTF-8 text session data. */
  public SessionStore<String> sessions() {
    return sessions(ValueCodec.utf8());
  }

  /** Slot 0 with session data encoded by {@code codec}, e.g. {@code ValueCodec.json(Prefs.class)}. */
  public <T> SessionStore<T> sessions(ValueCodec<T> codec) {
    return new RedisSessionStore<>(backend, Objects.requireNonNull(codec, "codec"), sessionIndexRefreshes);
  }

  /** Slot 1 with UTF-8 text responses. */
  public ResponseCache<String> apiCache() {
    return apiCache(ValueCodec.utf8());
  }

  /** Slot 1 with responses encoded by {@code codec}; stampede protection is shared client-wide. */
  public <T> ResponseCache<T> apiCache(ValueCodec<T> codec) {
    return new RedisResponseCache<>(backend, Objects.requireNonNull(codec, "codec"), singleFlight);
  }

  /**
   * Slot 1: core's {@link ApiKeyCache} for {@link dev.citadel.client.auth.ApiKeys}, shared by
   * every process, under {@code cache:api:apikeys:{prefix}}. Fails soft (a miss) when Redis is
   * unavailable, as the SPI requires.
   */
  public ApiKeyCache apiKeyCache() {
    return apiKeyCache;
  }

  /** The same cache, as {@link dev.citadel.client.Citadel} asks for it. */
  @Override
  public Optional<ApiKeyCache> sharedApiKeyCache() {
    return Optional.of(apiKeyCache);
  }

  /**
   * Slot 2's database: core's {@link AuditAnchorStore} for keyed audit chains, the latest head of
   * each chain in the hash {@code audit:anchor:{chain}} (no TTL). A head replaces the stored one
   * only when its position is higher (compared and written in one script), so a late writer cannot
   * move an anchor back. {@link dev.citadel.client.Citadel#audit()} publishes to it when
   * {@code audit.chain_key.*} is set; see AUDIT.md.
   */
  @Override
  public Optional<AuditAnchorStore> auditAnchorStore() {
    return Optional.of(auditAnchors);
  }

  /** Slot 2: the queue {@code name} with UTF-8 text payloads. */
  public JobQueue<String> queue(String name) {
    return queue(name, ValueCodec.utf8());
  }

  /**
   * Slot 2: the queue {@code name} with payloads encoded by {@code codec}. Keep the returned
   * object for a consumer's lifetime: it paces stale-claim re-delivery.
   */
  public <T> JobQueue<T> queue(String name, ValueCodec<T> codec) {
    return new RedisJobQueue<>(backend, name, Objects.requireNonNull(codec, "codec"));
  }

  /** Slot 3: publish and subscribe; one shared subscriber connection per client. */
  public PubSub pubSub() {
    return pubSub;
  }

  /** Slot 4 with {@link ChatMessage}s as JSON. */
  public ConversationMemory<ChatMessage> memory() {
    return memory(ValueCodec.json(ChatMessage.class));
  }

  /** Slot 4 with messages encoded by {@code codec}. */
  public <T> ConversationMemory<T> memory(ValueCodec<T> codec) {
    return new RedisConversationMemory<>(backend, Objects.requireNonNull(codec, "codec"));
  }

  /**
   * Slot 4 as a cache in front of the durable conversation store ({@code citadel.conversations()},
   * which stays the caller's): the same {@link Conversations}, with each conversation's window
   * (up to {@code redis.memory.max_messages} messages, kept {@code redis.memory.ttl} after the last
   * write) read from Redis under {@code ai:memory:conv:window:{id}}. PostgreSQL stays the truth: Redis is
   * written only after a PostgreSQL write committed, and a cached window is never older than a
   * write that finished before the read started (see the cache module's README).
   */
  public Conversations conversations(Conversations durable) {
    return new CachedConversations(backend, Objects.requireNonNull(durable, "durable"));
  }

  /** Slot 5. */
  public RateLimiter rateLimiter() {
    return rateLimiter;
  }

  /** Slot 6. */
  public DistributedLocks locks() {
    return locks;
  }

  /**
   * Slot 7: application counters and gauges stored in Redis (shared by every process), not the
   * client's own metrics, which go to the {@link CitadelMetrics} hook given to {@link #create}.
   */
  public MetricsStore metricsStore() {
    return metricsStore;
  }

  /** The circuit breaker of backend {@code redis}. */
  public BreakerState breakerState() {
    return backend.policy().breakerState();
  }

  /**
   * Checks {@code redis.ping}, {@code redis.roundtrip}, {@code redis.memory} and
   * {@code redis.eviction} (DOWN when {@code maxmemory} is set with an {@code allkeys-*} policy,
   * which can drop queued jobs and held locks). Never throws for Redis being down: that is a DOWN
   * entry.
   */
  @Override
  public HealthReport health() {
    return HealthReport.of(CacheHealth.check(backend));
  }

  /** Closes subscriptions, then every connection and the Lettuce client (idempotent). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      pubSub.close();
    } finally {
      backend.close();
      LOG.info("redis: cache client {} closed", backend.clientName());
    }
  }

  @Override
  public String toString() {
    return "CitadelCache[" + backend.clientName() + ", " + backend.connections().description() + "]";
  }
}
