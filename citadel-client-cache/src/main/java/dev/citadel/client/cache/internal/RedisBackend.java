package dev.citadel.client.cache.internal;

import dev.citadel.client.cache.CodecException;
import dev.citadel.client.cache.Slot;
import dev.citadel.client.cache.ValueCodec;
import dev.citadel.client.cache.config.RedisConfig;
import dev.citadel.client.config.ResilienceConfig;
import dev.citadel.client.metrics.CallObservation;
import dev.citadel.client.metrics.CallTarget;
import dev.citadel.client.metrics.CitadelMetrics;
import dev.citadel.client.spi.BackendCalls;
import dev.citadel.client.spi.ResiliencePolicy;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every store shares: the connections, the key layout, the settings, one resilience policy
 * (one breaker for the deployment) and the metrics hook. {@link #call} is the one path from a
 * store to Redis: it observes and times the call (one {@link BackendCalls} per slot, whose
 * database is the call's {@code db.namespace}), runs it under the policy and reports it.
 * Thread-safe.
 */
public final class RedisBackend implements AutoCloseable {
  /** The backend name in messages, metrics and {@link dev.citadel.client.UnavailableException}. */
  public static final String NAME = "redis";
  /** {@code db.system.name} of the OpenTelemetry semantic conventions. */
  static final String DB_SYSTEM = "redis";
  private static final Logger LOG = LoggerFactory.getLogger(RedisBackend.class);

  private final RedisConfig config;
  private final String clientName;
  private final RedisConnections connections;
  private final KeySpace keys;
  private final ResiliencePolicy policy;
  private final AutoCloseable breakerGauge;
  /** By {@link Slot#ordinal()}: the calls to the slot's database. */
  private final BackendCalls[] calls;

  public RedisBackend(RedisConfig config, String clientName, ResilienceConfig resilience,
      CitadelMetrics metrics) {
    this.config = config;
    this.clientName = clientName;
    this.connections = new RedisConnections(config, clientName);
    this.keys = new KeySpace(config.keyPrefix(), connections.cluster());
    this.policy = ResiliencePolicy.create(NAME, resilience, RedisFailures.INSTANCE);
    this.breakerGauge = metrics.registerBreaker(clientName, NAME, policy::breakerState);
    RedisURI server = connections.entryPoint();
    CallTarget target = new CallTarget(clientName, NAME, DB_SYSTEM, null,
        server == null ? null : server.getHost(), server == null ? 0 : server.getPort());
    this.calls = new BackendCalls[Slot.values().length];
    for (Slot slot : Slot.values()) {
      calls[slot.ordinal()] = BackendCalls.create(metrics,
          target.withNamespace(Integer.toString(connections.database(slot))));
    }
  }

  public RedisConfig config() {
    return config;
  }

  public String clientName() {
    return clientName;
  }

  public KeySpace keys() {
    return keys;
  }

  public RedisConnections connections() {
    return connections;
  }

  public ResiliencePolicy policy() {
    return policy;
  }

  /**
   * Runs {@code work} on {@code slot}'s connection under the policy and reports it.
   *
   * @param operation metric name, e.g. {@code session.get}
   * @param idempotent whether repeating {@code work} after it reached Redis is harmless
   */
  public <T> T call(String operation, Slot slot, boolean idempotent,
      Function<RedisClusterCommands<String, byte[]>, T> work) {
    return observed(slot, operation, idempotent, () -> work.apply(connections.commands(slot)));
  }

  /** Runs work on {@code slot} that manages its own connection (blocking claims) under the policy. */
  public <T> T callDirect(String operation, Slot slot, boolean idempotent, Callable<T> work) {
    return observed(slot, operation, idempotent, work);
  }

  private <T> T observed(Slot slot, String operation, boolean idempotent, Callable<T> work) {
    BackendCalls slotCalls = calls[slot.ordinal()];
    long start = System.nanoTime();
    CallObservation call = slotCalls.start(operation);
    Throwable failure = null;
    try {
      return policy.call(idempotent, work);
    } catch (RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      slotCalls.end(call, operation, start, failure);
    }
  }

  /** Encodes through {@code codec} and enforces {@code redis.max_value_size}. */
  public <T> byte[] encode(String argument, ValueCodec<T> codec, T value) {
    Objects.requireNonNull(value, argument);
    byte[] bytes = codec.encode(value);
    if (bytes == null) {
      throw new CodecException(codec + " encoded a value as null", null);
    }
    return Arguments.size(argument, bytes, config.maxValueSize());
  }

  @Override
  public void close() {
    try {
      connections.close();
    } finally {
      try {
        breakerGauge.close();
      } catch (Exception e) {
        LOG.debug("redis: removing breaker meter failed", e);
      }
    }
  }
}
