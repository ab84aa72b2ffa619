package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.ServerSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.sql.SQLException;
import java.time.Duration;

/** PostgreSQL in a {@code postgres:17} container started through Testcontainers. */
public final class ContainerPostgresServer extends BasePostgresServer {

  /** The image used. */
  public static final String IMAGE = "postgres:17";
  private static final int PORT = 5432;

  private ContainerPostgresServer(String host, int port, String password) {
    super(ServerSource.TESTCONTAINERS, host, port, "postgres", password, "postgres");
  }

  /**
   * Starts the container and waits until PostgreSQL accepts connections. It is stopped when the JVM exits.
   *
   * @return the server
   */
  public static ContainerPostgresServer launch() {
    String password = Passwords.generate();
    GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
        .withExposedPorts(PORT)
        .withEnv("POSTGRES_USER", "postgres")
        .withEnv("POSTGRES_PASSWORD", password)
        .withEnv("POSTGRES_DB", "postgres")
        .withEnv("POSTGRES_INITDB_ARGS", "--encoding=UTF8 --locale=C")
        .withCommand("postgres",
            "-c", "fsync=off",
            "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off",
            "-c", "max_connections=300",
            "-c", "password_encryption=scram-sha-256")
        // The entrypoint starts a temporary server for initialisation first, so wait for the second one.
        .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2)
            .withStartupTimeout(Duration.ofMinutes(3)));
    Containers.start(container, IMAGE);
    ContainerPostgresServer server =
        new ContainerPostgresServer(container.getHost(), container.getMappedPort(PORT), password);
    try {
      server.readVersion();
    } catch (SQLException e) {
      throw new IllegalStateException("The " + IMAGE + " container started but does not accept connections: "
          + e.getMessage(), e);
    }
    return server;
  }
}
