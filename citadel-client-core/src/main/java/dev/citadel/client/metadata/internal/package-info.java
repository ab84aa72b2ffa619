/**
 * Metadata repository implementations over PostgreSQL: the SQL, keyset cursors and
 * optimistic-concurrency checks. No compatibility promise.
 */
package dev.citadel.client.metadata.internal;
