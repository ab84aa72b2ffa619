package dev.citadel.client.cache.session;

import java.time.Duration;

/**
 * A session as created by {@link SessionStore#create}.
 *
 * @param userId the user it belongs to
 * @param sessionId its id, unique per user; for {@link SessionStore#create(String, Object)} 22
 *     random URL-safe characters (128 bits)
 * @param data what was stored
 * @param ttl the sliding lifetime it was given
 * @param <T> the data type
 */
public record Session<T>(String userId, String sessionId, T data, Duration ttl) {}
