/**
 * How modules plug into {@link dev.citadel.client.Citadel}: a
 * {@link dev.citadel.client.spi.CitadelExtensionProvider} found by {@link java.util.ServiceLoader}
 * creates the module's {@link dev.citadel.client.spi.CitadelExtension}.
 */
package dev.citadel.client.spi;
