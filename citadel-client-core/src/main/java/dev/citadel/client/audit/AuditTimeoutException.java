package dev.citadel.client.audit;

import java.time.Duration;

/**
 * {@link AuditLog#flush} or {@link AuditLog#close} gave up waiting: some accepted events were
 * neither committed to PostgreSQL nor written to the spill file in time. After {@code flush}
 * they are still pending and will be written; after {@code close} they are lost, and the log
 * says how many.
 */
public class AuditTimeoutException extends AuditException {
  private static final long serialVersionUID = 1L;
  /** Accepted events that were not yet durable when the wait ended. */
  private final long pending;
  /** How long the caller waited. */
  private final Duration waited;

  /**
   * @param pending accepted events not yet durable when the wait ended
   * @param waited how long the caller waited
   * @param message the diagnostic
   */
  public AuditTimeoutException(long pending, Duration waited, String message) {
    super(message);
    this.pending = pending;
    this.waited = waited;
  }

  /** Accepted events that were not yet durable when the wait ended. */
  public long pending() {
    return pending;
  }

  /** How long the caller waited. */
  public Duration waited() {
    return waited;
  }
}
