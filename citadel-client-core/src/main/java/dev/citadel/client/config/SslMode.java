package dev.citadel.client.config;

import java.util.Locale;

/** PostgreSQL {@code sslmode}, with libpq's meaning for each value. */
public enum SslMode {
  /** Plain text only. */
  DISABLE,
  /** Plain text unless the server insists on TLS. */
  ALLOW,
  /** TLS when the server offers it, without certificate checks (PgJDBC's default). */
  PREFER,
  /** TLS always, without certificate checks. */
  REQUIRE,
  /** TLS with a certificate signed by a trusted CA. */
  VERIFY_CA,
  /** TLS with a trusted certificate whose name matches the host. */
  VERIFY_FULL;

  /** The libpq / PgJDBC spelling, e.g. {@code verify-full}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses the libpq spelling ({@code verify-full}) or the enum name ({@code VERIFY_FULL}).
   *
   * @throws IllegalArgumentException for anything else
   */
  public static SslMode parse(String text) {
    String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (SslMode mode : values()) {
      if (mode.name().equals(normalized)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "must be one of disable, allow, prefer, require, verify-ca, verify-full");
  }
}
