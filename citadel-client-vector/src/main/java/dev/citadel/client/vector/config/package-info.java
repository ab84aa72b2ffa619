/**
 * The vector module's configuration: the {@code qdrant:} section
 * ({@link dev.citadel.client.vector.config.QdrantConfig}) with the sync settings. The module
 * contributes the section's keys to core's one loader, so one YAML file, one environment scheme
 * and one unknown-key check cover it.
 */
package dev.citadel.client.vector.config;
