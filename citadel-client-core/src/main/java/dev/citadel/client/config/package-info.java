/**
 * Immutable configuration: {@link dev.citadel.client.config.CitadelConfig} and its sections,
 * loaded from YAML and environment by {@link dev.citadel.client.config.ConfigLoader} or built in
 * code.
 */
package dev.citadel.client.config;
