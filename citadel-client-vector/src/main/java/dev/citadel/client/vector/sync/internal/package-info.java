/** Sync internals: the metadata and outbox SQL, the relay, the reconciler. No compatibility promise. */
package dev.citadel.client.vector.sync.internal;
