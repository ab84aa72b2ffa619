package dev.citadel.client.spi;

import dev.citadel.client.TlsException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Recognises a TLS handshake or certificate failure in a driver's exception (and its causes), so
 * every module's {@link FailureClassifier} reports it as a {@link TlsException}, never retried,
 * instead of an outage. Shared by core (PostgreSQL) and the modules.
 */
public final class TlsFailures {
  private static final int MAX_DEPTH = 16;

  private TlsFailures() {}

  /** What failed, when {@code failure} or one of its causes is a TLS handshake failure. */
  public static Optional<TlsException.Reason> reasonOf(Throwable failure) {
    boolean handshake = false;
    TlsException.Reason found = null;
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
      if (t instanceof TlsException e) {
        return Optional.of(e.reason());
      }
      String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      TlsException.Reason r = null;
      if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException
          || t instanceof CertPathValidatorException v && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
        r = TlsException.Reason.EXPIRED;
      } else if (t instanceof CertPathBuilderException || m.contains("pkix path building failed")
          || m.contains("unable to find valid certification path")) {
        r = TlsException.Reason.UNKNOWN_CA;
      } else if (t instanceof SSLPeerUnverifiedException || m.contains("no subject alternative")
          || m.contains("no name matching") || m.contains("could not be verified by hostnameverifier")
          || m.contains("hostname") && m.contains("not verified")) {
        r = TlsException.Reason.HOST_NAME_MISMATCH;
      } else if (t instanceof SSLHandshakeException && (m.contains("protocol") || m.contains("cipher suite"))
          || m.contains("the server does not support ssl")) {
        r = TlsException.Reason.PROTOCOL;
      }
      if (r != null && (found == null || found == TlsException.Reason.UNKNOWN_CA && r == TlsException.Reason.EXPIRED)) {
        found = r; // the most specific: an expired certificate also fails path validation
      }
      handshake |= t instanceof SSLHandshakeException;
      t = t.getCause() == t ? null : t.getCause();
    }
    if (found != null) {
      return Optional.of(found);
    }
    return handshake ? Optional.of(TlsException.Reason.HANDSHAKE) : Optional.empty();
  }

  /**
   * The {@link TlsException} for a failure {@link #reasonOf} recognised: names {@code backend},
   * what failed and the keys of {@code section} to check ({@code <section>.tls.mode},
   * {@code <section>.tls.ca_file}).
   */
  public static TlsException translate(String backend, String section, TlsException.Reason reason, Throwable failure) {
    if (failure instanceof TlsException e) {
      return e;
    }
    return new TlsException(backend, reason, backend + ": TLS " + reason.text() + ": " + innermost(failure)
        + " (check " + section + ".tls.mode, " + section + ".tls.ca_file and the server's certificate; not retried)",
        failure);
  }

  private static String innermost(Throwable failure) {
    String message = failure.getMessage();
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return message == null ? failure.getClass().getSimpleName() : message;
  }
}
