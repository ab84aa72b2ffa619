package dev.citadel.client.audit;

import java.time.Duration;

/**
 * {@link AuditLog#record} could not accept an event: the memory buffer
 * ({@code audit.buffer_capacity}) was full and stayed full for {@code audit.overflow_timeout}
 * under the {@code block} policy, or was full at once under {@code fail}. The event was not
 * recorded; events accepted before are unaffected. The buffer fills when PostgreSQL cannot keep
 * up or is unreachable and the spill file is disabled or full.
 */
public class AuditOverflowException extends AuditException {
  private static final long serialVersionUID = 1L;
  /** The buffer's capacity in events. */
  private final int capacity;
  /** How long the caller waited for room; zero under the {@code fail} policy. */
  private final Duration waited;

  /**
   * @param capacity the buffer's capacity in events
   * @param waited how long the caller waited for room (zero under {@code fail})
   * @param message the diagnostic
   */
  public AuditOverflowException(int capacity, Duration waited, String message) {
    super(message);
    this.capacity = capacity;
    this.waited = waited;
  }

  /** The buffer's capacity in events. */
  public int capacity() {
    return capacity;
  }

  /** How long the caller waited for room; zero under the {@code fail} policy. */
  public Duration waited() {
    return waited;
  }
}
