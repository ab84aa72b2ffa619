/**
 * What a host sees of the retry and circuit-breaker policies: the breaker's state. The policies
 * themselves are shared by every module through {@link dev.citadel.client.spi.ResiliencePolicy}.
 */
package dev.citadel.client.resilience;
