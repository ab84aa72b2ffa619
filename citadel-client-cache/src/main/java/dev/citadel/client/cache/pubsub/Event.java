package dev.citadel.client.cache.pubsub;

/**
 * A message received on a {@code pubsub:{domain}:{event}} channel.
 *
 * @param domain the channel's domain, e.g. {@code files}
 * @param event the channel's event, e.g. {@code uploaded}
 * @param channel the full channel name, environment prefix included
 * @param payload the decoded message
 * @param <T> the payload type
 */
public record Event<T>(String domain, String event, String channel, T payload) {}
