package dev.citadel.client.audit;

import java.time.Duration;

/**
 * {@link AuditLog#record} could not accept an event: the memory buffer
 * ({@code audit.buffer_capacity}) was full and stayed full for {@code audit.overflow_timeout}
 * under the {@code block} policy, or was full at once under {@code fail} ({@link #waited()} is
 * then zero). The event was not recorded; events accepted before are unaffected. The buffer fills
 * when PostgreSQL cannot keep up or is unreachable and the spill file is disabled or full.
 */
public class AuditOverflowException extends AuditWaitException {
  private static final long serialVersionUID = 1L;
  private final int capacity;

  /**
   * @param capacity the buffer's capacity in events
   * @param waited how long the caller waited for room (zero under {@code fail})
   * @param message the diagnostic
   */
  public AuditOverflowException(int capacity, Duration waited, String message) {
    super(waited, message);
    this.capacity = capacity;
  }

  /** The buffer's capacity in events. */
  public int capacity() {
    return capacity;
  }
}
