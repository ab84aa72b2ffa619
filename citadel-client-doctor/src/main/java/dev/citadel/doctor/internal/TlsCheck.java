package dev.citadel.doctor.internal;

import dev.citadel.client.TlsException;
import dev.citadel.client.cache.config.RedisConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.TlsMode;
import dev.citadel.client.config.TlsOptions;
import dev.citadel.client.db.internal.TlsAdvice;
import dev.citadel.client.health.HealthCheck;
import dev.citadel.client.health.HealthStatus;
import dev.citadel.client.spi.TlsFailures;
import dev.citadel.client.vector.config.QdrantConfig;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS line of each backend ({@code postgres.tls}, {@code redis.tls}, {@code qdrant.tls}): the
 * doctor opens its own connection to each configured endpoint and makes the handshake the
 * section's {@code tls.mode} asks for (PostgreSQL's {@code SSLRequest} first), then reports the
 * mode, whether the server was verified, the negotiated protocol and cipher suite, and the server
 * certificate's expiry. FAIL: the handshake fails (named as the SDK names it, {@link TlsFailures}),
 * a mode that needs TLS meets a server without it, the certificate has expired, or the endpoint
 * cannot be reached. PASS with a {@code warning:} note: the certificate expires within
 * {@value #EXPIRY_WARNING_DAYS} days, or PostgreSQL on another machine is reached with a mode that
 * may fall back to plain text ({@link TlsAdvice}); as {@code redis.eviction} passes with a note.
 */
final class TlsCheck {
  static final int EXPIRY_WARNING_DAYS = 30;
  private static final int SSL_REQUEST_CODE = 80877103;

  private TlsCheck() {}

  /** Where to connect; {@code label} tells endpoints of one backend apart ({@code pooled}, a node). */
  record Endpoint(String label, String host, int port) {
    String address() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** What one endpoint's handshake showed. */
  private record Outcome(boolean failed, boolean warning, boolean verified, String text, Map<String, Object> facts) {}

  static HealthCheck postgres(DatabaseConfig db) {
    List<Endpoint> endpoints = new ArrayList<>();
    endpoints.add(new Endpoint("pooled", db.host(), db.port()));
    if (!db.directHost().equals(db.host()) || db.directPort() != db.port()) {
      endpoints.add(new Endpoint("direct", db.directHost(), db.directPort()));
    }
    return check("postgres.tls", "postgres", "database", db.tls(), endpoints, true, db.connectTimeout(),
        TlsAdvice.warning(db));
  }

  static HealthCheck redis(RedisConfig redis) {
    String url = redis.url().isEmpty() ? null : redis.url().reveal();
    if (redis.mode() == RedisConfig.Mode.SENTINEL || url != null && url.startsWith("redis-sentinel")) {
      return HealthCheck.up("redis.tls", "redis.tls.mode " + redis.tls().mode().value()
          + "; not checked in sentinel mode (the master's address comes from the Sentinels)",
          Map.of("mode", redis.tls().mode().value(), "checked", false), Duration.ZERO);
    }
    List<Endpoint> endpoints = new ArrayList<>();
    if (url != null) {
      URI uri;
      try {
        uri = URI.create(url); // the URL may hold a password: only host and port are used, never its text
      } catch (IllegalArgumentException e) {
        uri = null;
      }
      if (uri == null || uri.getHost() == null) {
        return HealthCheck.up("redis.tls", "redis.tls.mode " + redis.tls().mode().value()
            + "; not checked: redis.url names no host the doctor can read",
            Map.of("mode", redis.tls().mode().value(), "checked", false), Duration.ZERO);
      }
      endpoints.add(new Endpoint("redis", uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()));
    } else if (redis.mode() == RedisConfig.Mode.CLUSTER && !redis.nodes().isEmpty()) {
      for (String node : redis.nodes()) {
        int colon = node.lastIndexOf(':');
        String host = node.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
          host = host.substring(1, host.length() - 1);
        }
        endpoints.add(new Endpoint("node", host, Integer.parseInt(node.substring(colon + 1))));
      }
    } else {
      endpoints.add(new Endpoint("redis", redis.host(), redis.port()));
    }
    return check("redis.tls", "redis", "redis", redis.tls(), endpoints, false, redis.connectTimeout(), Optional.empty());
  }

  static HealthCheck qdrant(QdrantConfig qdrant) {
    return check("qdrant.tls", "qdrant", "qdrant", qdrant.tls(), List.of(new Endpoint("qdrant", qdrant.host(), qdrant.port())),
        false, qdrant.callTimeout(), Optional.empty());
  }

  static HealthCheck check(String name, String backend, String section, TlsOptions tls, List<Endpoint> endpoints,
      boolean postgres, Duration timeout, Optional<String> advice) {
    long start = System.nanoTime();
    TlsMode mode = tls.mode();
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("mode", mode.value());
    List<Map<String, Object>> perEndpoint = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    boolean failed = false;
    boolean warning = false;
    boolean verified = true;
    for (Endpoint e : endpoints) {
      Outcome o = probe(backend, section, tls, e, postgres, timeout);
      failed |= o.failed();
      warning |= o.warning();
      verified &= o.verified();
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("address", e.address());
      facts.putAll(o.facts());
      perEndpoint.add(facts);
      texts.add(endpoints.size() == 1 ? o.text() : e.label() + " " + e.address() + ": " + o.text());
    }
    attrs.put("verified", verified);
    perEndpoint.stream().map(f -> f.get("protocol")).filter(p -> p != null).findFirst()
        .ifPresent(p -> attrs.put("protocol", p));
    attrs.put("endpoints", perEndpoint);
    String detail = section + ".tls.mode " + mode.value() + "; " + String.join("; ", texts);
    if (advice.isPresent()) {
      warning = true;
      detail += "; warning: " + advice.get();
    }
    attrs.put("warning", warning);
    return new HealthCheck(name, failed ? HealthStatus.DOWN : HealthStatus.UP, detail, attrs,
        Duration.ofNanos(System.nanoTime() - start));
  }

  private static Outcome probe(String backend, String section, TlsOptions tls, Endpoint endpoint, boolean postgres,
      Duration timeout) {
    TlsMode mode = tls.mode();
    if (mode == TlsMode.DISABLE) {
      return new Outcome(false, false, false, "plain text (no TLS)", Map.of("tls", false));
    }
    if (mode == TlsMode.ALLOW) {
      return new Outcome(false, false, false, "plain text unless the server refuses it (allow); not verified",
          Map.of("tls", false));
    }
    SSLContext context;
    try {
      context = context(section, tls);
    } catch (IOException | GeneralSecurityException e) {
      return new Outcome(true, false, false, "cannot read " + section + ".tls.ca_file " + tls.caFile() + ": "
          + Failures.describe(e), Map.of("tls", false));
    }
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    try (Socket plain = new Socket()) {
      try {
        plain.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), millis);
        plain.setSoTimeout(millis);
        if (postgres && !serverOffersTls(plain)) {
          if (mode == TlsMode.PREFER) {
            return new Outcome(false, false, false, "the server offers no TLS: plain text (prefer falls back)",
                Map.of("tls", false));
          }
          return new Outcome(true, false, false, backend + ": TLS " + TlsException.Reason.PROTOCOL.text()
              + ": the server does not offer TLS (check " + section + ".tls.mode and the server's ssl setting)",
              Map.of("tls", false));
        }
      } catch (IOException e) {
        return new Outcome(true, false, false, "not checked: " + endpoint.address() + " unreachable: "
            + Failures.describe(e), Map.of("tls", false));
      }
      try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, endpoint.host(),
          endpoint.port(), true)) {
        if (mode == TlsMode.VERIFY_FULL) {
          SSLParameters parameters = socket.getSSLParameters();
          parameters.setEndpointIdentificationAlgorithm("HTTPS");
          socket.setSSLParameters(parameters);
        }
        socket.startHandshake();
        return handshakeDone(section, tls, socket.getSession());
      } catch (IOException e) {
        Optional<TlsException.Reason> reason = TlsFailures.reasonOf(e);
        String text = reason.isPresent()
            ? TlsFailures.translate(backend, section, reason.get(), e).getMessage()
            : "not checked: the TLS connection to " + endpoint.address() + " failed: " + Failures.describe(e);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("tls", false);
        reason.ifPresent(r -> facts.put("failure", r.name()));
        return new Outcome(true, false, false, text, facts);
      }
    } catch (IOException e) {
      return new Outcome(true, false, false, "not checked: " + endpoint.address() + ": " + Failures.describe(e),
          Map.of("tls", false));
    }
  }

  /** Sends PostgreSQL's SSLRequest; the server answers {@code S} (TLS follows) or {@code N}. */
  private static boolean serverOffersTls(Socket socket) throws IOException {
    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
    out.writeInt(8);
    out.writeInt(SSL_REQUEST_CODE);
    out.flush();
    int answer = new DataInputStream(socket.getInputStream()).read();
    if (answer == 'S') {
      return true;
    }
    if (answer == 'N') {
      return false;
    }
    throw new IOException("the server answered the SSLRequest with " + (answer < 0 ? "end of stream" : "byte " + answer));
  }

  private static Outcome handshakeDone(String section, TlsOptions tls, SSLSession session) throws IOException {
    TlsMode mode = tls.mode();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("tls", true);
    facts.put("protocol", session.getProtocol());
    facts.put("cipher_suite", session.getCipherSuite());
    boolean verified = mode.verifiesCertificate();
    String trust = tls.caFile() == null ? "the JVM's trust store" : section + ".tls.ca_file";
    String verification = switch (mode) {
      case VERIFY_FULL -> "verified (certificate chain against " + trust + ", host name checked)";
      case VERIFY_CA -> "verified (certificate chain against " + trust + "; host name not checked: verify-ca)";
      default -> "not verified (" + mode.value() + " checks no certificate: encrypted, but the server is not"
          + " authenticated)";
    };
    facts.put("verified", verified);
    StringBuilder text = new StringBuilder(session.getProtocol()).append(" ").append(session.getCipherSuite())
        .append(", ").append(verification);
    Certificate[] chain = session.getPeerCertificates();
    boolean failed = false;
    boolean warning = false;
    if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
      Instant notAfter = leaf.getNotAfter().toInstant();
      long daysLeft = Duration.between(Instant.now(), notAfter).toDays();
      LocalDate until = LocalDate.ofInstant(notAfter, ZoneOffset.UTC);
      String subject = leaf.getSubjectX500Principal().getName();
      facts.put("certificate_subject", subject);
      facts.put("certificate_not_after", notAfter.toString());
      facts.put("certificate_days_left", daysLeft);
      boolean soon = !notAfter.isBefore(Instant.now()) && daysLeft < EXPIRY_WARNING_DAYS;
      facts.put("certificate_expires_soon", soon);
      if (notAfter.isBefore(Instant.now())) {
        failed = true;
        text.append(", certificate ").append(subject).append(" EXPIRED on ").append(until)
            .append(" (TLS ").append(TlsException.Reason.EXPIRED.text()).append(")");
      } else if (soon) {
        warning = true;
        text.append(", warning: certificate ").append(subject).append(" expires on ").append(until).append(", in ")
            .append(daysLeft).append(daysLeft == 1 ? " day" : " days").append(" (less than ")
            .append(EXPIRY_WARNING_DAYS).append("): renew it");
      } else {
        text.append(", certificate ").append(subject).append(" valid until ").append(until).append(" (")
            .append(daysLeft).append(" days)");
      }
    }
    return new Outcome(failed, warning, verified, text.toString(), facts);
  }

  private static SSLContext context(String section, TlsOptions tls) throws IOException, GeneralSecurityException {
    TrustManager[] trust;
    if (tls.mode().verifiesCertificate()) {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (tls.caFile() == null) {
        factory.init((KeyStore) null);
      } else {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(Path.of(tls.caFile()))) {
          int n = 0;
          for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
            store.setCertificateEntry("ca-" + n++, c);
          }
          if (n == 0) {
            throw new GeneralSecurityException("no certificate in the file");
          }
        }
        factory.init(store);
      }
      trust = factory.getTrustManagers();
    } else {
      trust = new TrustManager[] {new AcceptingTrustManager()};
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust, null);
    return context;
  }

  /**
   * For modes that check no certificate ({@code require}, {@code prefer}): the doctor makes the
   * handshake the SDK makes under them, to read the protocol and the certificate's expiry. Used only
   * by this probe, which sends nothing over the connection.
   */
  private static final class AcceptingTrustManager implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException("server side only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      // require / prefer: the server's certificate is not checked (what the line reports)
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
