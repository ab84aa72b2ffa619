package dev.citadel.client.config;

import java.util.Locale;

/** What the audit writer's {@code record} does when its memory buffer is full. */
public enum AuditOverflowPolicy {
  /**
   * Wait for room up to {@code audit.overflow_timeout}, then fail with
   * {@code AuditOverflowException}. The default: callers slow down instead of losing events.
   */
  BLOCK,
  /** Fail at once with {@code AuditOverflowException}; the caller decides what to do. */
  FAIL;

  /**
   * Parses {@code block} or {@code fail}, in any case.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static AuditOverflowPolicy parse(String text) {
    for (AuditOverflowPolicy policy : values()) {
      if (policy.name().equalsIgnoreCase(text.trim())) {
        return policy;
      }
    }
    throw new IllegalArgumentException("must be block or fail");
  }

  /** The YAML spelling, e.g. {@code block}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
