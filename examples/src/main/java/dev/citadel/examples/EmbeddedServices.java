package dev.citadel.examples;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.PostgresServer;
import dev.citadel.client.testkit.QdrantServer;
import dev.citadel.client.testkit.RedisServer;
import dev.citadel.client.testkit.TestConfig;
import dev.citadel.client.testkit.TestDatabase;
import java.util.Map;

/**
 * The servers the example runs on when nothing is configured: PostgreSQL, Redis and Qdrant from the
 * test kit (its external-server variables, else Testcontainers, else embedded binaries from Maven
 * Central and, for Qdrant, the Qdrant-compatible local server in this JVM). On that PostgreSQL it
 * creates a database of its own, {@code citadel_example_<random>}, and drops it on {@link #close()}.
 */
public final class EmbeddedServices implements AutoCloseable {
  private final PostgresServer postgres;
  private final TestDatabase database;
  private final RedisServer redis;
  private final QdrantServer qdrant;

  private EmbeddedServices(
      PostgresServer postgres, TestDatabase database, RedisServer redis, QdrantServer qdrant) {
    this.postgres = postgres;
    this.database = database;
    this.redis = redis;
    this.qdrant = qdrant;
  }

  /** Resolves the kit's three servers and creates this run's database. */
  public static EmbeddedServices start() {
    PostgresServer postgres = CitadelTestKit.postgres();
    TestDatabase database = postgres.createDatabase("citadel_example");
    try {
      RedisServer redis = CitadelTestKit.redis();
      QdrantServer qdrant = CitadelTestKit.qdrant();
      return new EmbeddedServices(postgres, database, redis, qdrant);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** The name of the database created for this run. */
  public String database() {
    return database.name();
  }

  /** A config naming the three servers; everything else keeps the SDK's defaults. */
  CitadelConfig config() {
    return CitadelConfig.fromValues(values());
  }

  /** The same config as key values ({@code database.host}, ...), e.g. for Spring's {@code citadel.*} properties. */
  public Map<String, String> values() {
    return TestConfig.of(database, redis, qdrant).with("client.name", "example").values();
  }

  /** The servers, one line. */
  public String describe() {
    return String.format("PostgreSQL %s (%s) at %s:%d, Redis (%s) at %s:%d, Qdrant %s (%s) at %s:%d",
        postgres.version(), postgres.source(), postgres.host(), postgres.port(), redis.source(), redis.host(),
        redis.port(), qdrant.version(), qdrant.source(), qdrant.host(), qdrant.grpcPort());
  }

  @Override
  public void close() {
    database.close();
  }
}
