package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.ServerSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.time.Duration;

/** Redis in a {@code redis:7} container started through Testcontainers, without a password. */
public final class ContainerRedisServer extends BaseRedisServer {

  /** The image used. */
  public static final String IMAGE = "redis:7";
  private static final int PORT = 6379;

  private ContainerRedisServer(String host, int port) {
    super(ServerSource.TESTCONTAINERS, host, port, null);
  }

  /**
   * Starts the container and waits until Redis is ready. It is stopped when the JVM exits.
   *
   * @return the server
   */
  public static ContainerRedisServer launch() {
    GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
        .withExposedPorts(PORT)
        .withCommand("redis-server", "--save", "", "--appendonly", "no", "--protected-mode", "no")
        .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\s", 1)
            .withStartupTimeout(Duration.ofMinutes(2)));
    Containers.start(container, IMAGE);
    ContainerRedisServer server = new ContainerRedisServer(container.getHost(), container.getMappedPort(PORT));
    try {
      server.readVersion();
    } catch (IOException e) {
      throw new IllegalStateException("The " + IMAGE + " container started but does not answer: "
          + e.getMessage(), e);
    }
    return server;
  }
}
