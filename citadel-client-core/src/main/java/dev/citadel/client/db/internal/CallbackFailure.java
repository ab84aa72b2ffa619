package dev.citadel.client.db.internal;

/** Carries a checked exception thrown by a caller's transaction callback through the policies. */
final class CallbackFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CallbackFailure(Exception cause) {
    super(cause);
  }

  /** Rethrows the caller's own exception, which the callback's signature declared. */
  @SuppressWarnings("unchecked")
  <X extends Exception> X rethrow() throws X {
    throw (X) getCause();
  }
}
