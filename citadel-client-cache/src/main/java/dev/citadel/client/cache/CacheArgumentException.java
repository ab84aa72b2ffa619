package dev.citadel.client.cache;

import dev.citadel.client.CitadelException;

/**
 * A store was called with a value it refuses before talking to Redis: an empty or malformed id,
 * a TTL outside the slot's bounds, a limit that is not positive. The message names the argument
 * and the rule, never a stored value.
 */
public class CacheArgumentException extends CitadelException {
  private static final long serialVersionUID = 1L;
  /** The parameter at fault, e.g. {@code userId}. */
  private final String argument;

  /**
   * @param argument the parameter at fault, e.g. {@code userId} or {@code ttl}
   * @param message what is wrong
   */
  public CacheArgumentException(String argument, String message) {
    super(argument + ": " + message);
    this.argument = argument;
  }

  /** The parameter at fault, e.g. {@code userId}. */
  public String argument() {
    return argument;
  }
}
