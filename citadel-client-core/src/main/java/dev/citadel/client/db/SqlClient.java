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

  /**
   * The same statements (same model schema, if any) on the read endpoint ({@link Endpoint#READ}):
   * a replica when one answers, else the primary. For reads: transactions run {@code READ ONLY}
   * and a replica refuses any write (SQLSTATE {@code 25006}), but a plain statement that reaches the
   * primary (no replica answering) is not checked. A replica may lag behind the primary: use
   * {@link #reads(WalPosition)} to see a write of your own.
   */
  SqlClient reads();

  /**
   * Reads that see every write committed before {@code seen} was taken
   * ({@link Database#writePosition()}): each call (or transaction) waits on its replica connection
   * until the replica has replayed {@code seen}, for at most {@code database.replica_wait_timeout},
   * and otherwise runs on the primary (this client's pooled endpoint). Costs one extra round trip
   * to the replica per call, plus the wait; a primary answering on the read endpoint needs no wait.
   *
   * @throws NullPointerException when {@code seen} is null
   */
  SqlClient reads(WalPosition seen);
}
