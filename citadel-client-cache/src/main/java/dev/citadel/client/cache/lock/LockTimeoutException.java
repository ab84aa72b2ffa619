package dev.citadel.client.cache.lock;

import dev.citadel.client.CitadelException;
import java.time.Duration;

/** {@link DistributedLocks#acquire} waited its whole {@code wait} while another owner held the lock. */
public class LockTimeoutException extends CitadelException {
  private static final long serialVersionUID = 1L;
  /** The lock's resource. */
  private final String resource;
  /** The lock's id. */
  private final String id;

  /**
   * @param resource the lock's resource
   * @param id the lock's id
   * @param waited how long the caller waited
   */
  public LockTimeoutException(String resource, String id, Duration waited) {
    super("lock " + resource + ":" + id + " is held by another owner; gave up after "
        + waited.toMillis() + " ms");
    this.resource = resource;
    this.id = id;
  }

  /** The lock's resource. */
  public String resource() {
    return resource;
  }

  /** The lock's id. */
  public String id() {
    return id;
  }
}
