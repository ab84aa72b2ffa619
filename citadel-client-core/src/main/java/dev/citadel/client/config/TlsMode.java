package dev.citadel.client.config;

import java.util.Locale;

/**
 * How a connection uses TLS: the one vocabulary of every section's {@code <section>.tls.mode}
 * (libpq's {@code sslmode} words). PostgreSQL accepts all six; backends that cannot negotiate TLS
 * accept the ones their section documents.
 */
public enum TlsMode {
  /** Plain text only. */
  DISABLE,
  /** Plain text unless the server insists on TLS (PostgreSQL only). */
  ALLOW,
  /**
   * TLS when the server offers it, without certificate checks (PostgreSQL only; PgJDBC's default).
   */
  PREFER,
  /** TLS always, without certificate checks: encrypted but the server is not authenticated. */
  REQUIRE,
  /** TLS with a certificate chain signed by a trusted CA. */
  VERIFY_CA,
  /** TLS with a trusted certificate whose name matches the host. */
  VERIFY_FULL;

  /** The configuration spelling, e.g. {@code verify-full} (also libpq's and PgJDBC's). */
  public String value() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether connections under this mode may use TLS at all. */
  public boolean enabled() {
    return this != DISABLE;
  }

  /** Whether the server's certificate chain is checked against trusted CAs. */
  public boolean verifiesCertificate() {
    return this == VERIFY_CA || this == VERIFY_FULL;
  }

  /**
   * Parses the configuration spelling ({@code verify-full}) or the enum name ({@code VERIFY_FULL}).
   *
   * @throws IllegalArgumentException for anything else
   */
  public static TlsMode parse(String text) {
    String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (TlsMode mode : values()) {
      if (mode.name().equals(normalized)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "must be one of disable, allow, prefer, require, verify-ca, verify-full");
  }
}
