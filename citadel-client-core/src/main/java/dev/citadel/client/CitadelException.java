package dev.citadel.client;

/**
 * Root of every exception thrown by citadel-client. Unchecked; the original failure, when there
 * is one, is always kept as the cause.
 */
public class CitadelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message. */
  public CitadelException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the failure that caused it. */
  public CitadelException(String message, Throwable cause) {
    super(message, cause);
  }
}
