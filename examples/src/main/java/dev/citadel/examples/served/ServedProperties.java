package dev.citadel.examples.served;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The served application's own settings ({@code served.*} Spring properties; the SDK's are
 * {@code citadel.*}).
 *
 * @param collection the Qdrant collection retrieval searches and ingestion writes (384-d, Cosine)
 * @param rateLimitPerMinute chat requests a key may send per minute (Redis DB 5)
 * @param modelLatency how long the simulated model takes per call
 * @param modelFailureRate the share of simulated model calls that fail, 0 to 1
 * @param retrievalLimit chunks retrieved per chat request (the vector top-k)
 * @param memoryWindow messages of conversation memory handed to the model
 * @param chunkSize largest chunk of an ingested document, in characters
 * @param followUpQueue the follow-up job queue (Redis DB 2) the in-app worker drains
 * @param embeddingThreads ONNX Runtime threads one embedding runs on (its intra-op threads; 1: the
 *     calling request thread only)
 * @param tracingLog whether finished spans are written to the log (OpenTelemetry's logging exporter)
 * @param issueAdminKey whether to issue (and print) an admin key at start-up
 */
@ConfigurationProperties("served")
public record ServedProperties(
    @DefaultValue("documents") String collection,
    @DefaultValue("600") int rateLimitPerMinute,
    @DefaultValue("20ms") Duration modelLatency,
    @DefaultValue("0.02") double modelFailureRate,
    @DefaultValue("10") int retrievalLimit,
    @DefaultValue("6") int memoryWindow,
    @DefaultValue("400") int chunkSize,
    @DefaultValue("follow-up") String followUpQueue,
    @DefaultValue("1") int embeddingThreads,
    @DefaultValue("true") boolean tracingLog,
    @DefaultValue("true") boolean issueAdminKey) {

  /** Checks the values; a bad one fails the start naming the property. */
  public ServedProperties {
    require(rateLimitPerMinute > 0, "served.rate-limit-per-minute", "must be positive, was " + rateLimitPerMinute);
    require(!modelLatency.isNegative(), "served.model-latency", "must not be negative, was " + modelLatency);
    require(modelFailureRate >= 0 && modelFailureRate <= 1, "served.model-failure-rate",
        "must be between 0 and 1, was " + modelFailureRate);
    require(retrievalLimit > 0 && retrievalLimit <= 100, "served.retrieval-limit",
        "must be 1 to 100, was " + retrievalLimit);
    require(memoryWindow > 0, "served.memory-window", "must be positive, was " + memoryWindow);
    require(embeddingThreads > 0, "served.embedding-threads", "must be positive, was " + embeddingThreads);
    require(chunkSize >= 50, "served.chunk-size", "must be at least 50, was " + chunkSize);
  }

  private static void require(boolean ok, String property, String message) {
    if (!ok) {
      throw new IllegalArgumentException(property + " " + message);
    }
  }
}
