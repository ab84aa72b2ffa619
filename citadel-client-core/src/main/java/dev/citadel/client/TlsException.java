package dev.citadel.client;

/**
 * A TLS handshake with a backend failed: its certificate is not signed by a trusted CA, does not
 * name the host connected to, has expired, or client and server share no protocol. A
 * configuration or security problem, not an outage: it is never retried and never counts towards
 * a circuit breaker. The message names the backend, what failed and the keys to check; it holds
 * no secret.
 */
public class TlsException extends CitadelException {
  private static final long serialVersionUID = 1L;

  /** What failed in the handshake. */
  public enum Reason {
    /** The server's certificate chain does not lead to a CA the client trusts. */
    UNKNOWN_CA("unknown CA (the server's certificate is not signed by a trusted certificate authority)"),
    /** The server's certificate does not name the host the client connected to. */
    HOST_NAME_MISMATCH("host name mismatch (the server's certificate does not name the host connected to)"),
    /** The server's certificate has expired (or is not valid yet). */
    EXPIRED("certificate expired (or not yet valid)"),
    /** Client and server share no TLS protocol version or cipher suite, or the server has no TLS. */
    PROTOCOL("protocol mismatch (no TLS version or cipher suite in common, or no TLS on the server)"),
    /** Another handshake failure. */
    HANDSHAKE("handshake failed");

    private final String text;

    Reason(String text) {
      this.text = text;
    }

    /** What failed, in words, as messages say it. */
    public String text() {
      return text;
    }
  }

  private final String backend;
  private final Reason reason;

  /**
   * @param backend the backend, e.g. {@code postgres-pooled}, or a module's backend name
   * @param reason what failed
   * @param message the full message, without secrets
   * @param cause the driver's failure
   */
  public TlsException(String backend, Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.backend = backend;
    this.reason = reason;
  }

  /** The backend whose handshake failed. */
  public String backend() {
    return backend;
  }

  /** What failed. */
  public Reason reason() {
    return reason;
  }
}
