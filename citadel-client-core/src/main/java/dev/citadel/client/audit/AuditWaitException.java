package dev.citadel.client.audit;

import java.time.Duration;

/**
 * A call on an {@link AuditLog} waited for the writer as long as it may, and gave up: the writer
 * is behind, because PostgreSQL is slow or unreachable and the spill file is disabled, full or
 * slow. The subclass says what was waited for: room in the buffer ({@link AuditOverflowException})
 * or durability ({@link AuditTimeoutException}).
 */
public abstract class AuditWaitException extends AuditException {
  private static final long serialVersionUID = 1L;
  /** How long the caller waited. */
  private final Duration waited;

  /**
   * @param waited how long the caller waited
   * @param message the diagnostic
   */
  protected AuditWaitException(Duration waited, String message) {
    super(message);
    this.waited = waited;
  }

  /** How long the caller waited; zero when it did not wait at all. */
  public Duration waited() {
    return waited;
  }
}
