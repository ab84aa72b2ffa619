package dev.citadel.qdrant.local.support;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Qdrant in a container, of the version whose protocol the client speaks, where a Docker
 * engine answers.
 */
public final class ContainerTarget implements QdrantTarget {
  /** The Qdrant release the semantics were read from (see QDRANT-COMPATIBILITY.md). */
  public static final String IMAGE = "qdrant/qdrant:v1.17.1";

  private final GenericContainer<?> container;

  private ContainerTarget(GenericContainer<?> container) {
    this.container = container;
  }

  /** Why the real-Qdrant run is skipped where no Docker engine answers. */
  public static final String NO_DOCKER = "No Docker engine answers on this machine, so the conformance suite"
      + " does not run against a real Qdrant (" + IMAGE + ") here; the same tests ran against the local"
      + " server in LocalServerConformanceIT.";

  /** Starts the container, or returns null when no Docker engine answers. */
  public static ContainerTarget startIfDocker() {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      return null;
    }
    GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
        .withExposedPorts(6334)
        .waitingFor(Wait.forLogMessage(".*gRPC listening.*", 1));
    container.start();
    return new ContainerTarget(container);
  }

  @Override
  public String host() {
    return container.getHost();
  }

  @Override
  public int port() {
    return container.getMappedPort(6334);
  }

  @Override
  public String description() {
    return IMAGE + " at " + host() + ":" + port();
  }

  @Override
  public void close() {
    container.stop();
  }
}
