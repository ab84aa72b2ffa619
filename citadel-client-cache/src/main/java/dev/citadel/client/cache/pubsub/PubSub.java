package dev.citadel.client.cache.pubsub;

import dev.citadel.client.cache.ValueCodec;

/**
 * Publish and subscribe on the {@code pubsub:{domain}:{event}} channels of seed 004 (e.g.
 * {@code pubsub:files:uploaded}, {@code pubsub:workflow:completed}). Redis channels ignore the
 * database number, so isolation between deployments sharing a server comes from the channel names
 * alone: set {@code redis.key_prefix} per environment and channels become
 * {@code <prefix>:pubsub:...}.
 *
 * <p>Delivery is Redis pub/sub: at most once, only to subscribers connected when the message is
 * published. All subscriptions of a client share one connection; after a reconnect (a Redis
 * restart, a network cut) Lettuce subscribes its channels again, and messages published while it
 * was disconnected are lost. {@link #publish} returns how many subscribers received the message.
 * Domains and events follow the id rules of the other stores. Thread-safe.
 */
public interface PubSub {

  /**
   * Publishes a message encoded by {@code codec}.
   *
   * @return the number of subscribers that received it (in cluster mode: on the node that took it)
   * @throws dev.citadel.client.UnavailableException when Redis cannot be reached
   */
  <T> long publish(String domain, String event, ValueCodec<T> codec, T message);

  /** Publishes a UTF-8 text message. */
  long publish(String domain, String event, String message);

  /**
   * Subscribes to one channel.
   *
   * @param codec decodes messages; one that fails is logged (without its content) and skipped
   * @param listener receives each decoded message
   * @return the subscription, active once this returns
   * @throws dev.citadel.client.UnavailableException when Redis cannot be reached
   */
  <T> Subscription subscribe(String domain, String event, ValueCodec<T> codec, EventListener<T> listener);

  /** Subscribes to every event of a domain ({@code PSUBSCRIBE pubsub:{domain}:*}). */
  <T> Subscription subscribeDomain(String domain, ValueCodec<T> codec, EventListener<T> listener);
}
