package dev.citadel.qdrant.local.internal;

import grpc.health.v1.HealthCheck.HealthCheckRequest;
import grpc.health.v1.HealthCheck.HealthCheckResponse;
import grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.QdrantGrpc;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;

/** {@code qdrant.Qdrant/HealthCheck} and {@code grpc.health.v1.Health/Check}, both open without an API key. */
public final class HealthServices {
  /** The Qdrant version whose gRPC protocol this server speaks (the io.qdrant:client it is built against). */
  public static final String PROTOCOL_VERSION = "1.17.0";
  /** The title this server reports, so no one mistakes it for Qdrant itself. */
  public static final String TITLE = "citadel Qdrant-compatible local server";

  private HealthServices() {}

  /** The Qdrant health service. */
  public static QdrantGrpc.QdrantImplBase qdrant() {
    return new QdrantGrpc.QdrantImplBase() {
      @Override
      public void healthCheck(io.qdrant.client.grpc.QdrantOuterClass.HealthCheckRequest request,
          StreamObserver<HealthCheckReply> observer) {
        Rpc.unary(observer, () -> HealthCheckReply.newBuilder().setTitle(TITLE).setVersion(PROTOCOL_VERSION)
            .setCommit("citadel-local").build());
      }
    };
  }

  /** The standard gRPC health service: always SERVING while the server runs. */
  public static HealthGrpc.HealthImplBase grpcHealth() {
    return new HealthGrpc.HealthImplBase() {
      @Override
      public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> observer) {
        Rpc.unary(observer, () -> HealthCheckResponse.newBuilder()
            .setStatus(HealthCheckResponse.ServingStatus.SERVING).build());
      }
    };
  }
}
