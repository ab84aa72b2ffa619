package dev.citadel.client.vector.internal;

import com.google.common.util.concurrent.ListenableFuture;
import dev.citadel.client.ConfigException;
import dev.citadel.client.vector.config.QdrantConfig;
import dev.citadel.client.config.ResilienceConfig;
import dev.citadel.client.metrics.CallObservation;
import dev.citadel.client.metrics.CallTarget;
import dev.citadel.client.metrics.CitadelMetrics;
import dev.citadel.client.resilience.BreakerState;
import dev.citadel.client.spi.BackendCalls;
import dev.citadel.client.spi.ResiliencePolicy;
import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.CollectionsGrpc.CollectionsFutureStub;
import io.qdrant.client.grpc.PointsGrpc.PointsFutureStub;
import io.qdrant.client.grpc.QdrantGrpc.QdrantFutureStub;
import java.io.File;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every vector concern (collections, points, search, health) shares: the gRPC channel and
 * the official client's stubs, the per-call deadline ({@code qdrant.call_timeout}), one resilience
 * policy (one breaker for the deployment) classified by {@link QdrantFailures}, and the metrics
 * hook. {@link #call} is the one path from a concern to Qdrant and {@link #timed} the one place
 * an operation is observed and measured (its observation started on the caller's thread, current
 * while the call is issued, stopped when its future completes). Thread-safe; owns its channel, which {@link #close()} shuts down.
 */
public final class QdrantBackend implements AutoCloseable {
  /** The backend name in messages, metrics and health. */
  public static final String NAME = "qdrant";
  /** {@code db.system.name}: Qdrant has no databases, so its calls carry no {@code db.namespace}. */
  static final String DB_SYSTEM = "qdrant";
  private static final Logger LOG = LoggerFactory.getLogger(QdrantBackend.class);
  private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  private final String clientName;
  private final QdrantConfig config;
  private final CitadelMetrics metrics;
  private final ManagedChannel channel;
  private final QdrantGrpcClient grpc;
  private final QdrantClient raw;
  private final ResiliencePolicy policy;
  private final AutoCloseable breakerGauge;
  private final BackendCalls calls;
  private final long deadlineMillis;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * A backend for the Qdrant of {@code config}; opens no connection until the first call.
   *
   * @param clientName names the channel's user agent and the metrics
   * @param metrics receives every call and the breaker's state; stays the caller's
   * @throws ConfigException when the TLS CA file cannot be read
   */
  public QdrantBackend(String clientName, QdrantConfig config, ResilienceConfig resilience, CitadelMetrics metrics) {
    this.clientName = clientName;
    this.config = config;
    this.metrics = metrics;
    this.channel = NettyChannelBuilder.forAddress(config.host(), config.port(), credentials(config))
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .userAgent("citadel-client/" + clientName)
        .build();
    QdrantGrpcClient.Builder builder = QdrantGrpcClient.newBuilder(channel, true, false);
    if (!config.apiKey().isEmpty()) {
      builder.withApiKey(config.apiKey().reveal());
    }
    this.grpc = builder.build();
    this.raw = new QdrantClient(grpc);
    this.policy = ResiliencePolicy.create(NAME, resilience, QdrantFailures.at(endpoint()));
    this.breakerGauge = metrics.registerBreaker(clientName, NAME, policy::breakerState);
    this.deadlineMillis = config.callTimeout().toMillis();
    this.calls = BackendCalls.create(metrics,
        new CallTarget(clientName, NAME, DB_SYSTEM, null, config.host(), config.port()));
  }

  private static ChannelCredentials credentials(QdrantConfig config) {
    if (!config.tls().enabled()) {
      return InsecureChannelCredentials.create();
    }
    if (config.tls().caFile() == null) {
      return TlsChannelCredentials.create();
    }
    try {
      return TlsChannelCredentials.newBuilder().trustManager(new File(config.tls().caFile())).build();
    } catch (IOException e) {
      throw new ConfigException("qdrant.tls.ca_file", "cannot read " + config.tls().caFile() + ": " + e.getMessage());
    }
  }

  /** The qdrant settings in use. */
  public QdrantConfig config() {
    return config;
  }

  /** The official client on this channel, for what the helpers do not cover. Do not close it. */
  public QdrantClient rawClient() {
    return raw;
  }

  /** The breaker's state. */
  public BreakerState breakerState() {
    return policy.breakerState();
  }

  /** The points service, with the per-call deadline starting now. */
  public PointsFutureStub points() {
    return grpc.points().withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
  }

  /** The collections service, with the per-call deadline starting now. */
  public CollectionsFutureStub collections() {
    return grpc.collections().withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
  }

  /** The service answering health checks, with the per-call deadline starting now. */
  public QdrantFutureStub service() {
    return grpc.qdrant().withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Runs {@code rpc} under the resilience policy. A gRPC failure becomes a typed exception naming
   * {@code collection} (through {@link QdrantFailures}); transient ones are retried when
   * {@code idempotent}.
   *
   * @param collection the collection the call concerns, or null
   * @param rpc issues the call (again on each retry)
   */
  public <T> CompletableFuture<T> call(boolean idempotent, String collection, Supplier<ListenableFuture<T>> rpc) {
    return policy.callAsync(idempotent, () -> {
      // A channel in reconnect backoff fails calls at once; a retry should try the network again.
      if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
        channel.resetConnectBackoff();
      }
      return Futures.adapt(rpc.get(), collection);
    });
  }

  /**
   * Starts {@code work} unless the backend is closed and reports its duration and outcome as
   * {@code operation}. Throws no exception: what {@code work} throws becomes the future's failure, and a
   * closed backend fails it with {@link IllegalStateException}.
   */
  public <T> CompletableFuture<T> timed(String operation, Supplier<CompletableFuture<T>> work) {
    long start = System.nanoTime();
    CallObservation call = calls.start(operation);
    CompletableFuture<T> future;
    try {
      if (closed.get()) {
        throw new IllegalStateException("the vector client is closed");
      }
      future = work.get();
    } catch (RuntimeException e) {
      future = CompletableFuture.failedFuture(e);
    } catch (Error e) {
      calls.end(call, operation, start, e);
      throw e;
    }
    return calls.endOnCompletion(call, operation, start, future);
  }

  /**
   * Times a part of an operation that {@link #timed} covers (e.g. each batch of an upsert): a
   * {@code recordCall} only, not an observation of its own, as it may start on any thread.
   */
  public void record(String operation, long nanos, boolean success) {
    metrics.recordCall(clientName, NAME, operation, nanos, success);
  }

  /** Where Qdrant is, as health checks and messages show it ({@code host:port}). */
  public String endpoint() {
    return config.host() + ":" + config.port();
  }

  /** Shuts the channel down (bounded wait) and removes the breaker meter. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      channel.shutdown();
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      try {
        breakerGauge.close();
      } catch (Exception e) {
        LOG.debug("{}: removing the breaker meter failed", NAME, e);
      }
    }
  }

  @Override
  public String toString() {
    return "Qdrant[" + endpoint() + (config.tls().enabled() ? ", tls" : "")
        + (config.apiKey().isEmpty() ? "" : ", api key ******") + "]";
  }
}
