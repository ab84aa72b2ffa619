package dev.citadel.client.cache.pubsub;

/**
 * Receives events of a subscription. Called on the client's one delivery thread, in the order
 * Redis delivered the messages: keep it short, hand long work to an executor of your own. An
 * exception it throws is logged and does not end the subscription.
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface EventListener<T> {

  /** One event. */
  void onEvent(Event<T> event);
}
