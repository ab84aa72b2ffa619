package dev.citadel.client.config;

import java.util.Locale;

/** What audit partition retention does with a partition older than the retention period. */
public enum AuditRetentionAction {
  /**
   * Detach it from {@code audit.logs} and rename it {@code logs_YYYY_MM_detached}: its rows
   * leave every query but stay in the database for archiving. The default.
   */
  DETACH,
  /** Drop it with its rows. */
  DROP;

  /**
   * Parses {@code detach} or {@code drop}, in any case.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static AuditRetentionAction parse(String text) {
    for (AuditRetentionAction action : values()) {
      if (action.name().equalsIgnoreCase(text.trim())) {
        return action;
      }
    }
    throw new IllegalArgumentException("must be detach or drop");
  }

  /** The YAML spelling, e.g. {@code detach}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
