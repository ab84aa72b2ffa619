/**
 * The audit and compliance log: {@link dev.citadel.client.audit.AuditLog} records
 * {@link dev.citadel.client.audit.AuditEvent}s asynchronously into {@code audit.logs}
 * (partitioned by month, see {@link dev.citadel.client.audit.AuditPartitions}), keeps them
 * through PostgreSQL outages in a local spill file, chains them with SHA-256 so that edits show
 * ({@link dev.citadel.client.audit.AuditVerifier}), and reads them back newest first with keyset
 * paging ({@link dev.citadel.client.audit.AuditQuery}).
 */
package dev.citadel.client.audit;
