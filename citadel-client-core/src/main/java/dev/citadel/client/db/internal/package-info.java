/** PostgreSQL client internals: pools, statements, error mapping. No compatibility promise. */
package dev.citadel.client.db.internal;
