/**
 * Audit log internals: the writer's threads, buffer and lock protocol ({@code AuditPipeline}) with
 * its side jobs (counters, spill ledger, partition maintenance schedule), the spill file and its
 * binding to a database ({@code SpillQueue}, {@code SpillOwner}), the
 * canonical encoding and hash chain, COPY formatting, verification and partition SQL. No
 * compatibility promise.
 */
package dev.citadel.client.audit.internal;
