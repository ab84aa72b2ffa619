package dev.citadel.client.testkit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks Testcontainers once per JVM whether a Docker engine answers. */
public final class DockerProbe {

  private static final Logger LOG = LoggerFactory.getLogger(DockerProbe.class);
  private static Boolean available;

  private DockerProbe() {
  }

  /**
   * Tells whether Testcontainers can use a Docker engine; the answer is cached for the JVM.
   *
   * @return true when Docker answers
   */
  public static synchronized boolean dockerAvailable() {
    if (available == null) {
      available = probe();
    }
    return available;
  }

  private static boolean probe() {
    try {
      boolean answer = org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
      if (!answer) {
        LOG.info("No Docker engine answered Testcontainers (any Testcontainers error logged just before is "
            + "about this); the Citadel test kit falls back to embedded servers");
      }
      return answer;
    } catch (LinkageError e) {
      LOG.debug("Testcontainers is not usable on this class path: {}", e.toString());
      return false;
    } catch (RuntimeException e) {
      LOG.debug("Docker probe failed: {}", e.toString());
      return false;
    }
  }
}
