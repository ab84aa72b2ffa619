package dev.citadel.client.vector.support;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.ConfigValues;
import dev.citadel.client.testkit.TestConfig;
import dev.citadel.client.testkit.TestDatabase;
import dev.citadel.client.vector.config.QdrantConfig;
import java.time.Duration;
import java.util.Map;

/**
 * The test kit's ready configuration for vector tests: its values (database included when given)
 * with a breaker that recovers within a second, and a {@code qdrant:} section for a server at a
 * given address with a 5 s call deadline.
 */
public final class VectorTestConfigs {
  private VectorTestConfigs() {}

  /** The kit's test configuration for {@code servers}, with a breaker that recovers within a second. */
  public static TestConfig fast(ConfigValues... servers) {
    return CitadelTestKit.config(servers).with("resilience.circuit_breaker.delay", "500ms");
  }

  /**
   * The {@code qdrant.*} values of a private server at {@code host:port} (one a test stops,
   * restarts or secures; the kit's shared Qdrant hands out its own values).
   */
  public static ConfigValues qdrantAt(String host, int port) {
    return () -> Map.of("qdrant.host", host, "qdrant.port", Integer.toString(port));
  }

  public static QdrantConfig.Builder qdrant(ConfigValues server) {
    return CitadelConfig.fromValues(server.configValues()).section(QdrantConfig.class).orElseThrow().toBuilder()
        .callTimeout(Duration.ofSeconds(5));
  }

  public static QdrantConfig.Builder qdrant(String host, int port) {
    return qdrant(qdrantAt(host, port));
  }

  public static CitadelConfig vectors(QdrantConfig qdrant) {
    return CitadelConfig.fromValues(fast().values()).toBuilder().section(qdrant).build();
  }

  public static CitadelConfig citadel(TestDatabase db, QdrantConfig qdrant) {
    return CitadelConfig.fromValues(fast(db).values()).toBuilder().section(qdrant).build();
  }
}
