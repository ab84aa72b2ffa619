package dev.citadel.client.db.internal;

import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.TlsMode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one warning a client gives when it will reach a PostgreSQL host that is not this machine
 * with a TLS mode that neither requires encryption nor checks the server's identity
 * ({@code disable}, {@code allow}, {@code prefer}: the last silently falls back to plain text).
 * Host names other than {@code localhost} are not resolved (that could block), so they count as
 * remote.
 */
public final class TlsAdvice {
  private TlsAdvice() {}

  /** The warning for {@code config}, or empty when its hosts are local or its mode is safe. */
  public static Optional<String> warning(DatabaseConfig config) {
    TlsMode mode = config.tls().mode();
    if (mode == TlsMode.REQUIRE || mode.verifiesCertificate()) {
      return Optional.empty();
    }
    Set<String> remote = new LinkedHashSet<>();
    List<String> hosts = new ArrayList<>();
    hosts.add(config.host());
    hosts.add(config.directHost());
    for (List<String> entries : List.of(config.hosts(), config.directHosts(), config.readHosts())) {
      entries.forEach(entry -> hosts.add(hostOf(entry)));
    }
    for (String host : hosts) {
      if (host != null && !isLoopback(host)) {
        remote.add(host);
      }
    }
    if (remote.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("PostgreSQL host " + String.join(", ", remote) + " is not this machine and database.tls.mode is '"
        + mode.value() + "': " + (mode == TlsMode.DISABLE ? "traffic, password exchange included, is plain text"
            : "the connection may fall back to plain text and the server's identity is never checked")
        + "; set database.tls.mode: verify-full (with database.tls.ca_file) to encrypt and verify");
  }

  /** The host of a {@code host:port} entry ({@code [v6]:port} keeps its brackets). */
  private static String hostOf(String entry) {
    int colon = entry.lastIndexOf(':');
    return colon > 0 && !entry.endsWith("]") ? entry.substring(0, colon) : entry;
  }

  static boolean isLoopback(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    boolean literal = h.matches("[0-9.]+") || h.contains(":");
    if (!literal) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress(); // a literal: no lookup
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
