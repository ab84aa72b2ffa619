package dev.citadel.client.testkit.internal;

import org.testcontainers.containers.GenericContainer;

/** Starts the kit's Testcontainers containers, each stopped when the JVM exits. */
public final class Containers {

  private Containers() {
  }

  /**
   * Starts a configured container and registers its stop with the kit's shutdown hook.
   *
   * @param container the container, with its ports, command and wait strategy set
   * @param image the image name, for logs
   * @param <C> the container type
   * @return the started container
   */
  public static <C extends GenericContainer<?>> C start(C container, String image) {
    container.start();
    Shutdown.register("stop container " + image, container::stop);
    return container;
  }
}
