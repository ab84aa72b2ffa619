package dev.citadel.client.vector.config;

import dev.citadel.client.config.spi.ConfigValue;
import java.time.Duration;

/**
 * The PostgreSQL to Qdrant sync's settings ({@code qdrant.sync.*}): how the outbox relay pushes
 * records. Immutable; set through {@link QdrantConfig.Builder}, which validates them.
 */
public final class SyncOptions extends ConfigValue {
  /** Default outbox records per relay pass. */
  public static final int DEFAULT_BATCH_SIZE = 100;
  /** Default pause between background relay passes. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
  /** Default attempts of a rejected outbox record. */
  public static final int DEFAULT_MAX_ATTEMPTS = 10;
  /** Default time done outbox records are kept: 7 days. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
  /** Default PostgreSQL text search configuration of newly registered collections. */
  public static final String DEFAULT_TEXT_SEARCH_CONFIG = "english";

  private final int batchSize;
  private final Duration interval;
  private final int maxAttempts;
  private final Duration retention;
  private final String textSearchConfig;

  SyncOptions(int batchSize, Duration interval, int maxAttempts, Duration retention, String textSearchConfig) {
    this.batchSize = batchSize;
    this.interval = interval;
    this.maxAttempts = maxAttempts;
    this.retention = retention;
    this.textSearchConfig = textSearchConfig;
  }

  /** Outbox records the relay pushes per pass ({@code qdrant.sync.batch_size}, default 100). */
  public int batchSize() {
    return batchSize;
  }

  /**
   * Pause between relay passes when it runs in the background, and the base of its retry backoff
   * ({@code qdrant.sync.interval}, default 1 s).
   */
  public Duration interval() {
    return interval;
  }

  /**
   * Attempts of an outbox record that Qdrant keeps rejecting (not an outage) before it is marked
   * failed ({@code qdrant.sync.max_attempts}, default 10).
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * How long done outbox records are kept before a relay pass deletes them
   * ({@code qdrant.sync.retention}, default 7 days; zero deletes them at the next pass). Failed
   * records are kept for an operator.
   */
  public Duration retention() {
    return retention;
  }

  /**
   * The PostgreSQL text search configuration (a language such as {@code english}, {@code german},
   * or {@code simple} for no stemming and no stop words) recorded for a collection when
   * {@code VectorSync.registerCollection} first records it ({@code qdrant.sync.text_search_config},
   * default {@code english}). Full-text search of that collection tokenizes its chunks and queries
   * with it; collections already recorded keep theirs.
   */
  public String textSearchConfig() {
    return textSearchConfig;
  }

  @Override
  protected Object[] namedFields() {
    return new Object[] {"batchSize", batchSize, "interval", interval, "maxAttempts", maxAttempts,
        "retention", retention, "textSearchConfig", textSearchConfig};
  }
}
