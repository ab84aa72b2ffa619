package dev.citadel.client.spi;

/**
 * Tells a {@link ResiliencePolicy} how to read one backend's failures. Each module supplies its
 * own (SQLSTATEs for PostgreSQL; each module its backend driver's errors);
 * the policy logic is shared.
 */
public interface FailureClassifier {

  /**
   * True when the failure says the backend is unreachable, restarting or overloaded: it may pass
   * if tried again, and it counts towards opening the circuit breaker. False for failures the
   * backend reported about the request itself (syntax, constraint, permission, wrong type).
   */
  boolean isTransient(Throwable failure);

  /**
   * True when the request provably never reached the backend (for example no connection could
   * be obtained), so even work that is not idempotent may be retried. Defaults to false.
   */
  default boolean isNotSent(Throwable failure) {
    return false;
  }

  /**
   * Turns the final failure (after retries) into the exception the caller sees: one of the
   * {@link dev.citadel.client.CitadelException} subtypes, the cause kept.
   *
   * @param backend the backend's name, for the message
   * @param failure the last failure
   * @param attempts how many attempts were made
   */
  RuntimeException translate(String backend, Throwable failure, int attempts);
}
