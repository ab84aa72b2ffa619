package dev.citadel.client.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A password or token. {@link #toString()} never reveals it, so a secret can sit in a config
 * object that gets logged; only {@link #reveal()} returns the value, for handing to a driver.
 */
public final class Secret {
  private static final Secret EMPTY = new Secret("");
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps a value; null becomes the empty secret. */
  public static Secret of(String value) {
    return value == null || value.isEmpty() ? EMPTY : new Secret(value);
  }

  /** The empty secret (no password). */
  public static Secret empty() {
    return EMPTY;
  }

  /** True when no secret is set. */
  public boolean isEmpty() {
    return value.isEmpty();
  }

  /** The secret in clear text. Pass it to a driver; never log it. */
  public String reveal() {
    return value;
  }

  /** Masked: {@code "(none)"} when empty, otherwise {@code "******"}. */
  @Override
  public String toString() {
    return value.isEmpty() ? "(none)" : "******";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(value.length());
  }
}
