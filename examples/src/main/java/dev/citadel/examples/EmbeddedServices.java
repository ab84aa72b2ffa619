package dev.citadel.examples;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.QdrantConfig;
import dev.citadel.client.config.RedisConfig;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.PostgresServer;
import dev.citadel.client.testkit.RedisServer;
import dev.citadel.client.testkit.TestDatabase;
import dev.citadel.client.vector.server.QdrantLocalServer;

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
    RedisConfig.Builder redisConfig = RedisConfig.builder().host(redis.host()).port(redis.port());
    if (redis.password() != null) {
      redisConfig.username(redis.username()).password(redis.password());
    }
    return CitadelConfig.builder()
        .clientName("example")
        .database(DatabaseConfig.builder()
            .host(database.host())
            .port(database.port())
            .database(database.name())
            .user(database.username())
            .password(database.password())
            .build())
        .redis(redisConfig.build())
        .qdrant(QdrantConfig.builder().host(qdrant.host()).port(qdrant.port()).build())
        .build();
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
