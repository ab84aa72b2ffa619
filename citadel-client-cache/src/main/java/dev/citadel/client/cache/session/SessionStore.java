package dev.citadel.client.cache.session;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * User sessions in slot 0 under {@code session:user:{userId}:{sessionId}}, each with a sliding
 * time-to-live ({@code redis.session.ttl}, default 1 h): reading or touching a session restarts
 * its lifetime. A set {@code session:index:{userId}} lists a user's session ids so that
 * {@link #invalidateAll} needs no key scan; it outlives every session it lists. Sessions written
 * by other services without that index are read and refreshed normally but are not found by
 * {@link #invalidateAll} or {@link #sessionIds}.
 *
 * <p>Ids must be non-empty, at most 256 characters, without {@code :}, {@code *}, {@code ?},
 * {@code [}, {@code ]}, {@code \}, braces, whitespace or control characters; anything else is a
 * {@link dev.citadel.client.InvalidArgumentException}. Values larger than
 * {@code redis.max_value_size} are a {@link dev.citadel.client.cache.ValueTooLargeException}.
 * When Redis cannot be reached every method throws {@link dev.citadel.client.UnavailableException}.
 * Thread-safe; cheap to create.
 *
 * @param <T> the session data type, as encoded by the store's codec
 */
public interface SessionStore<T> {

  /** The sliding lifetime given to sessions. */
  Duration ttl();

  /**
   * Creates a session with a new random id (128 bits from {@link java.security.SecureRandom}).
   *
   * @param userId the owner
   * @param data the session data; not null
   * @return the session, with its id
   */
  Session<T> create(String userId, T data);

  /**
   * Creates or replaces the session {@code sessionId} of {@code userId}.
   *
   * @param userId the owner
   * @param sessionId the id, chosen by the caller
   * @param data the session data; not null
   * @return the session
   */
  Session<T> create(String userId, String sessionId, T data);

  /**
   * Reads a session and restarts its lifetime, in one round trip.
   *
   * @return the data, or empty when the session does not exist or expired
   */
  Optional<T> get(String userId, String sessionId);

  /**
   * Replaces the data of an existing session and restarts its lifetime.
   *
   * @return false when the session does not exist (nothing is written)
   */
  boolean update(String userId, String sessionId, T data);

  /**
   * Restarts a session's lifetime without reading it.
   *
   * @return false when the session does not exist
   */
  boolean touch(String userId, String sessionId);

  /**
   * Ends one session.
   *
   * @return false when it did not exist
   */
  boolean invalidate(String userId, String sessionId);

  /**
   * Ends every session of a user (log out everywhere), atomically.
   *
   * @return how many sessions existed and were ended
   */
  int invalidateAll(String userId);

  /** The ids of the user's live sessions; forgets ids whose session expired. */
  Set<String> sessionIds(String userId);
}
