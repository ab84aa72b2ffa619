package dev.citadel.client.cache;

import dev.citadel.client.InvalidArgumentException;

/** An encoded value is larger than {@code redis.max_value_size}; nothing was written. */
public class ValueTooLargeException extends InvalidArgumentException {
  private static final long serialVersionUID = 1L;
  /** The encoded size in bytes. */
  private final long size;
  /** The limit in bytes. */
  private final long limit;

  /**
   * @param argument the parameter holding the value
   * @param size the encoded size in bytes
   * @param limit {@code redis.max_value_size} in bytes
   */
  public ValueTooLargeException(String argument, long size, long limit) {
    super(argument, "encoded value is " + size + " bytes, more than redis.max_value_size ("
        + limit + " bytes)");
    this.size = size;
    this.limit = limit;
  }

  /** The encoded size in bytes. */
  public long size() {
    return size;
  }

  /** The limit in bytes. */
  public long limit() {
    return limit;
  }
}
