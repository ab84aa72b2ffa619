package dev.citadel.client.config.internal;

import static dev.citadel.client.config.internal.ConfigKeys.sectionKey;

import dev.citadel.client.config.internal.ConfigKeys.Kind;
import java.time.Duration;

/** The {@code qdrant:} section's keys (owned by the vector module's needs). */
final class QdrantKeys {
  private QdrantKeys() {}

  static void register() {
    sectionKey("qdrant.host", Kind.TEXT, (d, v) -> d.qdrant.host((String) v), "QDRANT_HOST");
    sectionKey("qdrant.port", Kind.INT, (d, v) -> d.qdrant.port((Integer) v), "QDRANT_GRPC_PORT");
    sectionKey("qdrant.api_key", Kind.SECRET, (d, v) -> d.qdrant.apiKey((String) v), "QDRANT_API_KEY");
    sectionKey("qdrant.tls", Kind.BOOL, (d, v) -> d.qdrant.tls((Boolean) v));
    sectionKey("qdrant.timeout", Kind.DURATION, (d, v) -> d.qdrant.timeout((Duration) v));
  }
}
