package dev.citadel.client;

/**
 * A backend (a PostgreSQL endpoint, or a module's cache or vector store) could not be reached or is shedding load:
 * either transient failures outlasted the retry policy, or the backend's circuit breaker is open
 * and the call failed fast without trying. Safe to retry later; the cause holds the last
 * underlying failure, if any.
 */
public class UnavailableException extends CitadelException {
  private static final long serialVersionUID = 1L;
  /** The backend's name, e.g. {@code postgres-pooled} or {@code postgres-direct}. */
  private final String backend;
  /** True when the call was rejected by an open circuit breaker without reaching the backend. */
  private final boolean breakerOpen;

  /**
   * @param backend the backend's name, e.g. {@code postgres-pooled}
   * @param breakerOpen whether the call was rejected by an open circuit breaker
   * @param message the diagnostic
   * @param cause the last underlying failure; may be null
   */
  public UnavailableException(String backend, boolean breakerOpen, String message, Throwable cause) {
    super(message, cause);
    this.backend = backend;
    this.breakerOpen = breakerOpen;
  }

  /** The backend's name, e.g. {@code postgres-pooled} or {@code postgres-direct}. */
  public String backend() {
    return backend;
  }

  /** True when the call was rejected by an open circuit breaker without reaching the backend. */
  public boolean breakerOpen() {
    return breakerOpen;
  }
}
