package dev.citadel.client.cache.pubsub;

/** A live subscription; {@link #close()} ends it (idempotent). */
public interface Subscription extends AutoCloseable {

  /** The channel, or the channel pattern for a domain subscription. */
  String channel();

  /** False once closed. */
  boolean isActive();

  /** Stops delivery to this subscription's listener; unsubscribes when it was the last one. */
  @Override
  void close();
}
