package dev.citadel.client.db;

import java.util.Objects;

/**
 * How a transaction runs. Applied with {@code SET TRANSACTION} inside the transaction, so nothing
 * outlives it on the connection (safe behind transaction poolers).
 *
 * @param isolation the isolation level; null means the server default
 * @param readOnly whether the transaction may write
 */
public record TransactionOptions(Isolation isolation, boolean readOnly) {

  /** Server default isolation, read-write. */
  public static final TransactionOptions DEFAULT = new TransactionOptions(null, false);

  /** Read-only at the server default isolation. */
  public static TransactionOptions readOnlyTransaction() {
    return new TransactionOptions(null, true);
  }

  /** Read-write at {@code isolation}. */
  public static TransactionOptions isolation(Isolation isolation) {
    return new TransactionOptions(Objects.requireNonNull(isolation, "isolation"), false);
  }

  /** The same isolation, read-only. */
  public TransactionOptions asReadOnly() {
    return new TransactionOptions(isolation, true);
  }
}
