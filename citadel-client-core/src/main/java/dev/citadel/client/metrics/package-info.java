/**
 * The neutral metrics and observation hook ({@link dev.citadel.client.metrics.CitadelMetrics}:
 * timers, breaker gauges, pool meters, and an observation per backend call described by a
 * {@link dev.citadel.client.metrics.CallTarget}) and its Micrometer adapter.
 */
package dev.citadel.client.metrics;
