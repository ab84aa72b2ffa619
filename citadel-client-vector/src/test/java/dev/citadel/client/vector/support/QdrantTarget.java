package dev.citadel.client.vector.support;

import dev.citadel.client.testkit.ConfigValues;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import java.util.Map;

/** A Qdrant-speaking server the tests run against: the local server or a real Qdrant. */
public interface QdrantTarget extends AutoCloseable, ConfigValues {

  /** Host to connect to. */
  String host();

  /** gRPC port. */
  int port();

  /** What this target is, for messages. */
  String description();

  /** This target as {@code qdrant.*} configuration values. */
  @Override
  default Map<String, String> configValues() {
    return VectorTestConfigs.qdrantAt(host(), port()).configValues();
  }

  /** A raw official client on this target; the caller closes it. */
  default QdrantClient rawClient() {
    return new QdrantClient(QdrantGrpcClient.newBuilder(host(), port(), false, false).build());
  }

  @Override
  void close();
}
