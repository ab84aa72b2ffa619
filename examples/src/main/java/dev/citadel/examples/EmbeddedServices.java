package dev.citadel.examples;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.PostgresServer;
import dev.citadel.client.testkit.QdrantServer;
import dev.citadel.client.testkit.RedisServer;
import dev.citadel.client.testkit.TestConfig;
import dev.citadel.client.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The servers the example runs on when nothing is configured: PostgreSQL, Redis and Qdrant from the
 * test kit (its external-server variables, else Testcontainers, else embedded binaries from Maven
 * Central and, for Qdrant, the Qdrant-compatible local server in this JVM). On that PostgreSQL it
 * creates a database of its own, {@code citadel_example_<run>}, and drops it on {@link #close()}.
 */
final class EmbeddedServices implements AutoCloseable {
  private final PostgresServer postgres;
  private final String database;
  private final RedisServer redis;
  private final QdrantServer qdrant;

  private EmbeddedServices(PostgresServer postgres, String database, RedisServer redis, QdrantServer qdrant) {
    this.postgres = postgres;
    this.database = database;
    this.redis = redis;
    this.qdrant = qdrant;
  }

  /**
   * Starts (or finds) the three servers and creates the example's database.
   *
   * @param run this run's id, the suffix of the database name
   */
  static EmbeddedServices start(String run) {
    PostgresServer postgres = CitadelTestKit.postgres();
    String database = "citadel_example_" + run;
    admin(postgres, "CREATE DATABASE " + database);
    try {
      return new EmbeddedServices(postgres, database, CitadelTestKit.redis(), CitadelTestKit.qdrant());
    } catch (RuntimeException e) {
      admin(postgres, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      throw e;
    }
  }

  /** The database created for this run. */
  String database() {
    return database;
  }

  /** A config naming the three servers and the example's database; everything else keeps the SDK's defaults. */
  CitadelConfig config() {
    return CitadelConfig.fromValues(
        TestConfig.of(new ExampleDatabase(postgres, database), redis, qdrant).with("client.name", "example").values());
  }

  /** The example's database as the test kit's value source; {@link #close()} of the services drops it. */
  private record ExampleDatabase(PostgresServer server, String name) implements TestDatabase {
    @Override
    public String host() {
      return server.host();
    }

    @Override
    public int port() {
      return server.port();
    }

    @Override
    public String username() {
      return server.username();
    }

    @Override
    public String password() {
      return server.password();
    }

    @Override
    public String jdbcUrl() {
      return server.jdbcUrl(name);
    }

    @Override
    public void close() {
      // dropped by EmbeddedServices.close()
    }
  }

  String describe() {
    return String.format("PostgreSQL %s (%s) at %s:%d, Redis (%s) at %s:%d, Qdrant %s (%s) at %s:%d",
        postgres.version(), postgres.source(), postgres.host(), postgres.port(), redis.source(), redis.host(),
        redis.port(), qdrant.version(), qdrant.source(), qdrant.host(), qdrant.grpcPort());
  }

  @Override
  public void close() {
    admin(postgres, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  }

  /** One statement on the server's admin database; {@code database} names are plain identifiers. */
  private static void admin(PostgresServer postgres, String sql) {
    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(postgres.adminDatabase()), postgres.username(),
        postgres.password()); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed on " + postgres.host() + ":" + postgres.port() + ": "
          + e.getMessage(), e);
    }
  }
}
