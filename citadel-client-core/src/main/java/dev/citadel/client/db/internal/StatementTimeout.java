package dev.citadel.client.db.internal;

import java.time.Duration;

/**
 * How one endpoint enforces {@code database.statement_timeout}, decided once per endpoint by
 * {@link ConnectionSetup} (declared, or detected on the first connection). Outside a transaction pooler the server enforces it: {@code SET statement_timeout} runs
 * once per new connection, which costs nothing per call. Behind a transaction pooler a session
 * setting would not stick to our connection (the next transaction may run on another server
 * session, and ours would leak to other clients), so each statement gets a client-side
 * {@code setQueryTimeout} instead, rounded up to whole seconds.
 *
 * @param connectionInitSql the statement run on each new connection, or null for none
 * @param queryTimeoutSeconds the {@code setQueryTimeout} of every statement, 0 for none
 */
record StatementTimeout(String connectionInitSql, int queryTimeoutSeconds) {

  /**
   * The enforcement for {@code timeout} ({@link Duration#ZERO} disables it).
   *
   * @param transactionPooled whether the endpoint is a transaction pooler
   */
  static StatementTimeout of(Duration timeout, boolean transactionPooled) {
    long ms = timeout.toMillis();
    if (ms == 0) {
      return new StatementTimeout(null, 0);
    }
    if (transactionPooled) {
      return new StatementTimeout(null, (int) Math.max(1, (ms + 999) / 1000));
    }
    return new StatementTimeout("SET statement_timeout = " + ms, 0);
  }
}
