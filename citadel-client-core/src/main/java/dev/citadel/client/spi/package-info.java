/**
 * For the SDK's own modules, not for hosts: how a module plugs into
 * {@link dev.citadel.client.Citadel} (a {@link dev.citadel.client.spi.CitadelExtensionProvider}
 * found by {@link java.util.ServiceLoader} creates the module's
 * {@link dev.citadel.client.spi.CitadelExtension}), and the mechanisms every module shares: the
 * retry and breaker policy ({@link dev.citadel.client.spi.ResiliencePolicy}), the one backoff
 * ({@link dev.citadel.client.spi.Backoff}) and the one place a backend call is timed and observed
 * ({@link dev.citadel.client.spi.BackendCalls}). No compatibility promise outside the SDK.
 */
package dev.citadel.client.spi;
