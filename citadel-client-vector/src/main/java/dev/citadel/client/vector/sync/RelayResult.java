package dev.citadel.client.vector.sync;

/**
 * What one relay pass did.
 *
 * @param pushed outbox records now applied to Qdrant and marked done
 * @param deferred records left pending for a later pass (Qdrant unavailable, or rejected with
 *     attempts left); a pass stops at the first unavailable failure
 * @param failed records marked failed after {@code qdrant.sync.max_attempts} rejections
 * @param pending records still pending after the pass, due or not
 */
public record RelayResult(int pushed, int deferred, int failed, long pending) {}
