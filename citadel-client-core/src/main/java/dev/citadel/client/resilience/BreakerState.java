package dev.citadel.client.resilience;

/** The state of a backend's circuit breaker. */
public enum BreakerState {
  /** Calls flow normally. */
  CLOSED,
  /** Calls fail fast with {@link dev.citadel.client.UnavailableException}. */
  OPEN,
  /** A few trial calls are let through to see whether the backend is back. */
  HALF_OPEN
}
