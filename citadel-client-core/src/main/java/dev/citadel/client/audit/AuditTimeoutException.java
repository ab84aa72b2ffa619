package dev.citadel.client.audit;

import java.time.Duration;

/**
 * {@link AuditLog#flush} or {@link AuditLog#close} gave up waiting: some accepted events were
 * neither committed to PostgreSQL nor written to the spill file in time. After {@code flush}
 * they are still pending and will be written; after {@code close} they are lost, and the log
 * says how many.
 */
public class AuditTimeoutException extends AuditWaitException {
  private static final long serialVersionUID = 1L;
  private final long pending;

  /**
   * @param pending accepted events not yet durable when the wait ended
   * @param waited how long the caller waited
   * @param message the diagnostic
   */
  public AuditTimeoutException(long pending, Duration waited, String message) {
    super(waited, message);
    this.pending = pending;
  }

  /** Accepted events that were not yet durable when the wait ended. */
  public long pending() {
    return pending;
  }
}
