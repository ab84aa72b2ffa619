package dev.citadel.client.vector.support;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.ConfigValues;
import dev.citadel.client.testkit.TestConfig;
import dev.citadel.client.testkit.TestDatabase;
import dev.citadel.client.vector.config.QdrantConfig;
import java.time.Duration;

/**
 * The test kit's ready configuration for vector tests: its values (database included when given)
 * with a breaker that recovers within a second, and a {@code qdrant:} section for a kit server
 * (the shared one, or a private local server as {@code CitadelTestKit.qdrant(server)}) with a 5 s
 * call deadline.
 */
public final class VectorTestConfigs {
  private VectorTestConfigs() {}

  /** The kit's test configuration for {@code servers}, with a breaker that recovers within a second. */
  public static TestConfig fast(ConfigValues... servers) {
    return CitadelTestKit.config(servers).with("resilience.circuit_breaker.delay", "500ms");
  }

  /** The {@code qdrant:} section of {@code server}'s values, with a 5 s call deadline. */
  public static QdrantConfig.Builder qdrant(ConfigValues server) {
    return CitadelConfig.fromValues(server.configValues()).section(QdrantConfig.class).orElseThrow().toBuilder()
        .callTimeout(Duration.ofSeconds(5));
  }

  /** The kit's test configuration with {@code qdrant} as its only section beyond core's. */
  public static CitadelConfig vectors(QdrantConfig qdrant) {
    return CitadelConfig.fromValues(fast().values()).toBuilder().section(qdrant).build();
  }

  /** The kit's test configuration for {@code db}, with {@code qdrant}. */
  public static CitadelConfig citadel(TestDatabase db, QdrantConfig qdrant) {
    return CitadelConfig.fromValues(fast(db).values()).toBuilder().section(qdrant).build();
  }
}
