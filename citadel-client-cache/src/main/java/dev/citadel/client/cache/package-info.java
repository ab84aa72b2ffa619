/**
 * Redis conventions over Lettuce: the eight DB slots of the Citadel deployment as typed stores,
 * reached from {@link dev.citadel.client.cache.CitadelCache}. Implementations live in
 * {@code dev.citadel.client.cache.internal}, which carries no compatibility promise.
 */
package dev.citadel.client.cache;
