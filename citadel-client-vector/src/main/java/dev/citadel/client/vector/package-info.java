/**
 * Qdrant collection helpers over the official Qdrant Java client (gRPC): collection specs with
 * the Citadel defaults, typed document chunks, batch upserts, search, scroll, count and deletes,
 * with a deadline on every call, the shared retry and breaker policies, typed errors, health and
 * metrics. Entry point: {@link dev.citadel.client.vector.CitadelVectors#create}. PostgreSQL to
 * Qdrant sync is in {@code dev.citadel.client.vector.sync}; the Qdrant-compatible local server is
 * the separate module {@code citadel-qdrant-local}.
 */
package dev.citadel.client.vector;
