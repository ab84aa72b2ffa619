package dev.citadel.client.config.spi;

import java.util.Arrays;

/**
 * The base of every immutable config type: equality, hash code and text from one list of named
 * fields, so a new field cannot be forgotten in one of them. Text shows every field as
 * {@code Type[name=value, ...]}; secrets must be held as {@link dev.citadel.client.config.Secret}s,
 * whose text is masked.
 */
public abstract class ConfigValue {

  /** For subclasses. */
  protected ConfigValue() {}

  /**
   * Alternating field names and values, every field once, in declaration order.
   *
   * @return a new array each call
   */
  protected abstract Object[] namedFields();

  /** Same type and equal fields. */
  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass()
        && Arrays.equals(namedFields(), ((ConfigValue) o).namedFields());
  }

  @Override
  public final int hashCode() {
    return Arrays.hashCode(namedFields());
  }

  /** {@code Type[name=value, ...]}, secrets masked. */
  @Override
  public String toString() {
    Object[] fields = namedFields();
    StringBuilder s = new StringBuilder(getClass().getSimpleName()).append('[');
    for (int i = 0; i + 1 < fields.length; i += 2) {
      s.append(i == 0 ? "" : ", ").append(fields[i]).append('=').append(fields[i + 1]);
    }
    return s.append(']').toString();
  }
}
