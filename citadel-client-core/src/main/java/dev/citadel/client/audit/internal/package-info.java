/**
 * Audit log internals: the writer's threads and buffer, the spill file, the canonical encoding
 * and hash chain, COPY formatting, verification and partition SQL. No compatibility promise.
 */
package dev.citadel.client.audit.internal;
