package dev.citadel.client.auth;

/** Why a presented API key was refused. */
public enum RejectionReason {
  /** Not shaped like a key (empty, too long, wrong characters): rejected without a database call. */
  MALFORMED,
  /** No key has this prefix, or the secret does not match. */
  UNKNOWN,
  /** The key's expiry has passed. */
  EXPIRED,
  /** The key was revoked. */
  REVOKED
}
