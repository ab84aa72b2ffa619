package dev.citadel.client.health;

/** The outcome of one health check. */
public enum HealthStatus {
  /** The check passed. */
  UP,
  /** The check failed; the entry's detail says why. */
  DOWN
}
