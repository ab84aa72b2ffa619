package dev.citadel.client.testkit.internal;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One JVM-wide server, started on first use: later calls get the same server, or, when the start failed, an
 * exception repeating that failure (a test suite then fails fast instead of retrying a slow start per class).
 *
 * @param <S> the server type
 */
public final class SharedServer<S> {

  private final String description;
  private final Supplier<S> start;
  private S server;
  private RuntimeException failure;

  /**
   * Creates the holder; starts nothing.
   *
   * @param description what the server is, for the repeated failure, e.g. {@code Qdrant}
   * @param start resolves and starts the server
   */
  public SharedServer(String description, Supplier<S> start) {
    this.description = Objects.requireNonNull(description, "description");
    this.start = Objects.requireNonNull(start, "start");
  }

  /**
   * Returns the server, starting it on the first call.
   *
   * @return the shared server
   * @throws IllegalStateException when it cannot be provided, now or on an earlier call
   */
  public synchronized S get() {
    if (server == null) {
      if (failure != null) {
        throw new IllegalStateException("Citadel test kit: " + description
            + " could not be provided earlier in this JVM: " + failure.getMessage(), failure);
      }
      try {
        server = start.get();
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }
    return server;
  }
}
