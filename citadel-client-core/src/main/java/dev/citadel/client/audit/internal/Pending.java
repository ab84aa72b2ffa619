package dev.citadel.client.audit.internal;

import dev.citadel.client.audit.AuditEvent;

/**
 * An accepted event on its way to PostgreSQL.
 *
 * @param event the event, id and time set
 * @param encoded its {@link EventCodec} encoding
 * @param acceptSeq its place in this process's acceptance order (1, 2, ...); 0 for an event
 *     replayed from a spill file written before this process started
 */
public record Pending(AuditEvent event, byte[] encoded, long acceptSeq) {}
