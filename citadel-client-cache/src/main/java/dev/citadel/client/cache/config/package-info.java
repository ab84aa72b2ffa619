/**
 * The cache module's configuration: the {@code redis:} section
 * ({@link dev.citadel.client.cache.config.RedisConfig}) and its per-store option objects. The
 * module contributes the section's keys to core's one loader, so one YAML file, one environment
 * scheme and one unknown-key check cover it.
 */
package dev.citadel.client.cache.config;
