/**
 * PostgreSQL to Qdrant sync (seed 002): the metadata tables in PostgreSQL say what Qdrant should
 * hold; documents are written there together with an outbox record in one transaction, a relay
 * pushes the records to Qdrant, and reconcile compares both sides per collection. Entry point:
 * {@link dev.citadel.client.vector.sync.VectorSync#create}.
 */
package dev.citadel.client.vector.sync;
