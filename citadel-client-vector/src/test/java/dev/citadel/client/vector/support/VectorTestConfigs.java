package dev.citadel.client.vector.support;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.config.QdrantConfig;
import dev.citadel.client.config.ResilienceConfig;
import dev.citadel.client.testkit.QdrantServer;
import dev.citadel.client.testkit.TestDatabase;
import java.time.Duration;

/**
 * Configs for tests: a qdrant section pointing at a test server and fast retries, optionally a
 * database section pointing at a test kit database (as core's TestConfigs does).
 */
public final class VectorTestConfigs {
  private VectorTestConfigs() {}

  /** Short deadline and retry delays, a breaker that recovers within a second. */
  public static ResilienceConfig fastResilience() {
    return ResilienceConfig.builder().maxAttempts(3).initialDelay(Duration.ofMillis(20))
        .maxDelay(Duration.ofMillis(200)).breakerDelay(Duration.ofMillis(500)).failureThreshold(5).build();
  }

  public static QdrantConfig.Builder qdrant(QdrantServer server) {
    QdrantConfig.Builder builder = qdrant(server.host(), server.grpcPort());
    return server.apiKey() == null ? builder : builder.apiKey(server.apiKey());
  }

  public static QdrantConfig.Builder qdrant(String host, int port) {
    return QdrantConfig.builder().host(host).port(port).timeout(Duration.ofSeconds(5));
  }

  public static CitadelConfig vectors(QdrantConfig qdrant) {
    return CitadelConfig.builder().clientName("test").qdrant(qdrant).resilience(fastResilience()).build();
  }

  public static DatabaseConfig database(TestDatabase db) {
    return DatabaseConfig.builder().host(db.host()).port(db.port()).database(db.name()).user(db.username())
        .password(db.password()).pool(PoolConfig.builder().minConnections(0).maxConnections(10)
            .connectionTimeout(Duration.ofSeconds(10)).build())
        .build();
  }

  public static CitadelConfig citadel(TestDatabase db, QdrantConfig qdrant) {
    return CitadelConfig.builder().clientName("test").database(database(db)).qdrant(qdrant)
        .resilience(fastResilience()).build();
  }
}
