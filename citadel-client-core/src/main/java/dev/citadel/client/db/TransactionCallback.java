package dev.citadel.client.db;

/**
 * Work done inside one transaction. It may run more than once: a transaction that fails with a
 * serialization failure or deadlock is rolled back and run again, so keep side effects outside
 * the database out of it.
 *
 * @param <T> what the work returns
 * @param <X> the checked exception the work may throw (use {@link RuntimeException} for none)
 */
@FunctionalInterface
public interface TransactionCallback<T, X extends Exception> {
  /** Does the work; throwing rolls the transaction back. */
  T execute(Transaction tx) throws X;
}
