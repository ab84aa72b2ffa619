/** The neutral metrics hook and its Micrometer adapter. */
package dev.citadel.client.metrics;
