/**
 * Qdrant helper internals, shaped like the cache module's: {@code QdrantBackend} (channel,
 * deadlines, resilience policy, metrics) and one class per concern on it
 * ({@code QdrantCollections}, {@code QdrantPoints}, {@code QdrantSearch}, {@code QdrantHealth}),
 * plus protocol conversions and the failure mapping ({@code QdrantFailures}). No compatibility
 * promise.
 */
package dev.citadel.client.vector.internal;
