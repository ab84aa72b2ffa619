package dev.citadel.client.audit;

import dev.citadel.client.CitadelException;

/** Root of the audit log's own failures. Unchecked; the cause, when there is one, is kept. */
public class AuditException extends CitadelException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message. */
  public AuditException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the failure that caused it. */
  public AuditException(String message, Throwable cause) {
    super(message, cause);
  }
}
