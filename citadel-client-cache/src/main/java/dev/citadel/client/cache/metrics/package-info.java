/** Slot 7: short-lived counters and gauges shared across processes. */
package dev.citadel.client.cache.metrics;
