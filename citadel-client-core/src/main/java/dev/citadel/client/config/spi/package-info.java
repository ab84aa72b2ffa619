/**
 * For the SDK's own modules, not for hosts: how a module contributes its section of the one
 * configuration file ({@link dev.citadel.client.config.spi.ConfigSection}, found by
 * {@link java.util.ServiceLoader}), the key table entries it adds
 * ({@link dev.citadel.client.config.spi.ConfigKey}) and the validation helpers every section
 * shares ({@link dev.citadel.client.config.spi.Checks}). No compatibility promise outside the SDK.
 */
package dev.citadel.client.config.spi;
