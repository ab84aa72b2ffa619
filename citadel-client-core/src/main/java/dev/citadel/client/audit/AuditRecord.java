package dev.citadel.client.audit;

/**
 * A stored audit event with its place in its hash chain.
 *
 * @param event the event, id and time set
 * @param chainId the chain it belongs to ({@code audit.chain_id} of the writer that stored it)
 * @param sequence its position in that chain, from 1
 */
public record AuditRecord(AuditEvent event, String chainId, long sequence) {}
