package dev.citadel.client.vector.internal;

import dev.citadel.client.health.HealthCheck;
import dev.citadel.client.health.HealthStatus;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.CollectionState;
import io.grpc.Status;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vector part of the health report: {@code qdrant} (reachable, title, version, latency,
 * breaker), then {@code qdrant.collection.<name>} for each collection this client ensured
 * (DOWN when it is missing or its size or distance differs from the spec). One attempt per check,
 * bypassing the resilience policy so an open breaker does not hide a recovered server; never
 * throws. Thread-safe.
 */
public final class QdrantHealth {
  private final QdrantBackend backend;
  private final QdrantCollections collections;

  /** Health of {@code backend} and of the collections ensured through {@code collections}. */
  public QdrantHealth(QdrantBackend backend, QdrantCollections collections) {
    this.backend = backend;
    this.collections = collections;
  }

  /** The server check, then one per ensured collection unless the server is down. */
  public List<HealthCheck> checks() {
    List<HealthCheck> checks = new ArrayList<>();
    long start = System.nanoTime();
    try {
      HealthCheckReply reply = backend.service().healthCheck(HealthCheckRequest.getDefaultInstance()).get();
      Duration took = since(start);
      Map<String, Object> attrs = new LinkedHashMap<>();
      attrs.put("title", reply.getTitle());
      attrs.put("version", reply.getVersion());
      attrs.put("endpoint", backend.endpoint());
      attrs.put("latency_ms", took.toMillis());
      attrs.put("breaker", backend.breakerState().name());
      checks.add(HealthCheck.up(QdrantBackend.NAME, reply.getTitle() + " " + reply.getVersion() + " at "
          + backend.endpoint(), attrs, took));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      checks.add(HealthCheck.down(QdrantBackend.NAME, "interrupted", since(start)));
      return checks;
    } catch (Exception e) {
      Status status = Status.fromThrowable(e);
      checks.add(HealthCheck.down(QdrantBackend.NAME, "Qdrant at " + backend.endpoint() + " is unreachable: "
          + status.getCode() + (status.getDescription() == null ? "" : " " + status.getDescription()), since(start)));
      return checks;
    }
    for (CollectionSpec spec : collections.ensuredSpecs()) {
      checks.add(collectionCheck(spec));
    }
    return checks;
  }

  private HealthCheck collectionCheck(CollectionSpec spec) {
    String name = QdrantBackend.NAME + ".collection." + spec.name();
    long start = System.nanoTime();
    try {
      CollectionInfo info = backend.collections().get(GetCollectionInfoRequest.newBuilder()
          .setCollectionName(spec.name()).build()).get().getResult();
      CollectionState s = collections.remember(spec.name(), info);
      Duration took = since(start);
      Map<String, Object> attrs = new LinkedHashMap<>();
      attrs.put("vector_size", s.vectorSize());
      attrs.put("distance", s.distance().qdrantName());
      attrs.put("points", s.pointsCount());
      attrs.put("status", info.getStatus().name());
      if (!spec.vectorsMatch(s)) {
        return new HealthCheck(name, HealthStatus.DOWN, s.vectorsText() + " but the spec asks for "
            + spec.vectorsText(), attrs, took);
      }
      return HealthCheck.up(name, s.vectorsText().replace(" vectors", "") + ", " + s.pointsCount()
          + " points, " + info.getStatus().name(), attrs, took);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HealthCheck.down(name, "interrupted", since(start));
    } catch (Exception e) {
      Status status = Status.fromThrowable(e);
      return HealthCheck.down(name, status.getCode() == Status.Code.NOT_FOUND ? "missing"
          : status.getCode() + " " + status.getDescription(), since(start));
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
