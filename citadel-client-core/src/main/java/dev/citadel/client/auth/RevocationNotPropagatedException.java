package dev.citadel.client.auth;

import dev.citadel.client.UnavailableException;
import dev.citadel.client.config.internal.Durations;
import java.time.Duration;
import java.util.UUID;

/**
 * A key was revoked in PostgreSQL, but its tombstone could not be written to the shared
 * {@link ApiKeyCache} (its backend unreachable after its retries). The revocation stands: this process
 * refuses the key at once, and so does every process that reads PostgreSQL. A process that
 * cached the key before the revocation may still accept it until its cached entry expires, at
 * most {@link #staleFor()} ({@code auth.cache_ttl}) after the revocation; the revoking process
 * keeps retrying the tombstone in the background until then. Calling
 * {@link ApiKeys#revoke(UUID)} again is safe and tries the tombstone again.
 */
public class RevocationNotPropagatedException extends UnavailableException {
  private static final long serialVersionUID = 1L;
  /** The revoked key. */
  private final UUID keyId;
  /** The revoked key's public prefix. */
  private final String prefix;
  /** How long other processes may still accept the key from their cache, at most. */
  private final Duration staleFor;

  /**
   * @param keyId the revoked key
   * @param prefix its public prefix
   * @param staleFor how long other processes may still accept it from the cache, at most
   * @param backend the cache backend's name, as its module names it
   * @param cause why the tombstone could not be written
   */
  public RevocationNotPropagatedException(UUID keyId, String prefix, Duration staleFor, String backend,
      Throwable cause) {
    super(backend, false, "API key '" + prefix + "' is revoked in PostgreSQL, but its tombstone could not be"
        + " written to the shared cache (" + backend + "): processes that cached the key may accept it for up to "
        + Durations.format(staleFor) + " (auth.cache_ttl); the tombstone is retried in the background and revoking"
        + " again is safe", cause);
    this.keyId = keyId;
    this.prefix = prefix;
    this.staleFor = staleFor;
  }

  /** The revoked key. */
  public UUID keyId() {
    return keyId;
  }

  /** The revoked key's public prefix. */
  public String prefix() {
    return prefix;
  }

  /** How long after the revocation other processes may still accept the key from their cache, at most. */
  public Duration staleFor() {
    return staleFor;
  }
}
