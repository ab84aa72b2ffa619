/**
 * Immutable configuration: {@link dev.citadel.client.config.CitadelConfig} and core's sections
 * ({@code client}, {@link dev.citadel.client.config.DatabaseConfig},
 * {@link dev.citadel.client.config.AuditConfig}, {@link dev.citadel.client.config.AuthConfig},
 * {@link dev.citadel.client.config.ResilienceConfig}), the one TLS shape every section uses
 * ({@link dev.citadel.client.config.TlsOptions}), loaded from YAML, values by key name and the
 * environment by {@link dev.citadel.client.config.ConfigLoader} or built in code. Modules add
 * their own sections through {@link dev.citadel.client.config.spi.ConfigSection}; a host finds
 * one with {@link dev.citadel.client.config.CitadelConfig#section(Class)}.
 */
package dev.citadel.client.config;
