/**
 * The Qdrant-compatible local server's engine and gRPC services: collections held in memory,
 * exact search, Qdrant's filter and payload semantics, an optional operation log on disk. No
 * compatibility promise.
 */
package dev.citadel.qdrant.local.internal;
