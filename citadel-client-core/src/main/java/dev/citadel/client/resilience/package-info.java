/** Retry and circuit-breaker policies shared by every module, built on Failsafe. */
package dev.citadel.client.resilience;
