package dev.citadel.client.db;

/**
 * Statements and transactions on one endpoint, optionally routed to one model's schema. Each
 * call borrows a connection and returns it before it completes (except {@link #stream}).
 * Thread-safe.
 *
 * <p>Calls are protected by the endpoint's resilience policy: reads (statements starting with
 * {@code SELECT}, {@code SHOW}, {@code VALUES}, {@code TABLE} or {@code EXPLAIN}) are retried on
 * transient failures; anything else, including {@code INSERT ... RETURNING} through the query
 * methods, only when it never reached the server; transactions as a whole on serialization
 * failures and deadlocks.
 */
public interface SqlClient extends SqlOperations {

  /**
   * Runs {@code work} in one transaction at the server's default isolation, commits when it
   * returns and rolls back when it throws.
   *
   * @throws X whatever {@code work} throws, after rollback
   */
  default <T, X extends Exception> T inTransaction(TransactionCallback<T, X> work) throws X {
    return inTransaction(TransactionOptions.DEFAULT, work);
  }

  /**
   * Runs {@code work} in one transaction with {@code options}. A serialization failure
   * ({@code 40001}) or deadlock ({@code 40P01}) rolls back and runs it again, up to
   * {@code database.transaction_max_attempts} times in all.
   *
   * @throws X whatever {@code work} throws, after rollback
   */
  <T, X extends Exception> T inTransaction(TransactionOptions options, TransactionCallback<T, X> work)
      throws X;

  /** The endpoint this client uses. */
  Endpoint endpoint();
}
