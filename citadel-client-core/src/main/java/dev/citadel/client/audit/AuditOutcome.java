package dev.citadel.client.audit;

import java.util.Locale;

/** How an audited operation ended. Stored as {@code success}, {@code failure} or {@code denied}. */
public enum AuditOutcome {
  /** It was allowed and completed. */
  SUCCESS,
  /** It was allowed but failed. */
  FAILURE,
  /** It was refused (authorisation, policy, rate limit). */
  DENIED;

  /** The stored spelling, e.g. {@code success}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the stored spelling.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static AuditOutcome parse(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
