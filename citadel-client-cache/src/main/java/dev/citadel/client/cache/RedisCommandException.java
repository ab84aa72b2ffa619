package dev.citadel.client.cache;

import dev.citadel.client.CitadelException;

/**
 * Redis refused a command for a reason about the request itself, not its availability: a key of
 * the wrong type ({@code WRONGTYPE}), a script error, a missing permission ({@code NOPERM}),
 * memory exhausted under {@code noeviction} ({@code OOM}). Not retried and not counted by the
 * circuit breaker. The cause is Lettuce's exception.
 */
public class RedisCommandException extends CitadelException {
  private static final long serialVersionUID = 1L;
  /** The error's first word as Redis sent it: {@code WRONGTYPE}, {@code ERR}, {@code NOPERM}... */
  private final String errorCode;

  /**
   * @param errorCode the error's first word as Redis sent it, e.g. {@code WRONGTYPE}
   * @param message the diagnostic
   * @param cause Lettuce's exception
   */
  public RedisCommandException(String errorCode, String message, Throwable cause) {
    super(message, cause);
    this.errorCode = errorCode;
  }

  /** The error's first word as Redis sent it: {@code WRONGTYPE}, {@code ERR}, {@code NOPERM}... */
  public String errorCode() {
    return errorCode;
  }
}
