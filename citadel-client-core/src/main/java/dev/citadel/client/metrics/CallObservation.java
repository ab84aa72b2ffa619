package dev.citadel.client.metrics;

/**
 * One backend call being observed, as {@link CitadelMetrics#startCall} returned it: started, and
 * current on the thread that started it until {@link #closeScope()}. The SDK closes the scope on
 * that thread once the call has returned (a blocking call) or has been issued (an asynchronous
 * one), and calls {@link #stop} exactly once, when the caller's result or exception is known,
 * on whichever thread completes it.
 */
public interface CallObservation {

  /** Observes nothing: what {@link CitadelMetrics#startCall} returns by default. */
  CallObservation NONE = new CallObservation() {
    @Override
    public void closeScope() {}

    @Override
    public void stop(Throwable error) {}
  };

  /** Makes the observation no longer current on the thread that started it. */
  void closeScope();

  /**
   * Ends the call.
   *
   * @param error what the caller got, or null when the call succeeded
   */
  void stop(Throwable error);
}
