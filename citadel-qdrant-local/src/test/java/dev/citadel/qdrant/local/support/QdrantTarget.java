package dev.citadel.qdrant.local.support;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;

/** A Qdrant-speaking server the tests run against: the local server or a real Qdrant. */
public interface QdrantTarget extends AutoCloseable {

  /** Host to connect to. */
  String host();

  /** gRPC port. */
  int port();

  /** What this target is, for messages. */
  String description();

  /** A raw official client on this target; the caller closes it. */
  default QdrantClient rawClient() {
    return new QdrantClient(QdrantGrpcClient.newBuilder(host(), port(), false, false).build());
  }

  @Override
  void close();
}
