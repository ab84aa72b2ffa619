/** Metadata repository internals: keyset cursors, optimistic-concurrency checks. No compatibility promise. */
package dev.citadel.client.metadata.internal;
