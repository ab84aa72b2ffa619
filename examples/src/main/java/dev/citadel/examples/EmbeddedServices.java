package dev.citadel.examples;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.ConfigValues;
import dev.citadel.client.testkit.PostgresServer;
import dev.citadel.client.testkit.RedisServer;
import dev.citadel.client.testkit.TestConfig;
import dev.citadel.client.testkit.TestDatabase;
import dev.citadel.client.vector.server.QdrantLocalServer;
import java.util.Map;

/**
 * The servers the example runs on when nothing is configured: PostgreSQL and Redis from the test
 * kit (its external-server variables, else Testcontainers, else embedded binaries from Maven
 * Central) and the vector module's Qdrant-compatible local server on a free port.
 */
final class EmbeddedServices implements AutoCloseable {
  private final PostgresServer postgres;
  private final TestDatabase database;
  private final RedisServer redis;
  private final QdrantLocalServer qdrant;

  private EmbeddedServices(
      PostgresServer postgres, TestDatabase database, RedisServer redis, QdrantLocalServer qdrant) {
    this.postgres = postgres;
    this.database = database;
    this.redis = redis;
    this.qdrant = qdrant;
  }

  static EmbeddedServices start() {
    PostgresServer postgres = CitadelTestKit.postgres();
    TestDatabase database = postgres.createDatabase();
    try {
      RedisServer redis = CitadelTestKit.redis();
      QdrantLocalServer qdrant = QdrantLocalServer.start(0);
      return new EmbeddedServices(postgres, database, redis, qdrant);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** A config naming the three servers; everything else keeps the SDK's defaults. */
  CitadelConfig config() {
    // The local Qdrant server gives its values here until the test kit hands it out.
    ConfigValues qdrantValues = () -> Map.of("qdrant.host", qdrant.host(), "qdrant.port", Integer.toString(qdrant.port()));
    return CitadelConfig.fromValues(
        TestConfig.of(database, redis, qdrantValues).with("client.name", "example").values());
  }

  String describe() {
    return String.format("PostgreSQL %s (%s), Redis (%s) at %s:%d, Qdrant-compatible local server at %s:%d",
        postgres.version(), postgres.source(), redis.source(), redis.host(), redis.port(),
        qdrant.host(), qdrant.port());
  }

  @Override
  public void close() {
    try {
      qdrant.close();
    } finally {
      database.close();
    }
  }
}
