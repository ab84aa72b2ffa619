/**
 * Qdrant collection helpers over the official Qdrant Java client (gRPC): collection specs with
 * the Citadel defaults, typed document chunks, batch upserts, search, scroll, count and deletes,
 * with a deadline on every call, the shared retry and breaker policies, typed errors, health and
 * metrics. Entry point: {@link dev.citadel.client.vector.CitadelVectors#create}. The local
 * Qdrant-compatible server is in {@code dev.citadel.client.vector.server}; PostgreSQL to Qdrant
 * sync in {@code dev.citadel.client.vector.sync}.
 */
package dev.citadel.client.vector;
