/**
 * Qdrant collection helpers and PostgreSQL to Qdrant sync. No public API yet: see the project's
 * issue tracker.
 */
package dev.citadel.client.vector;
