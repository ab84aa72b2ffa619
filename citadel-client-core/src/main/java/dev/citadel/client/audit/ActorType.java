package dev.citadel.client.audit;

import java.util.Locale;

/** Who acted: a person or a service account. Stored as {@code user} or {@code service}. */
public enum ActorType {
  /** A person, identified by user name or id. */
  USER,
  /** A service, job or API key acting on its own behalf. */
  SERVICE;

  /** The stored spelling, e.g. {@code user}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the stored spelling.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static ActorType parse(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
