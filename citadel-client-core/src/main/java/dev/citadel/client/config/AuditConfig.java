package dev.citadel.client.config;

import dev.citadel.client.config.internal.Checks;
import java.time.Duration;

/**
 * Audit writer settings ({@code audit:} section).
 *
 * @param bufferCapacity events held in memory before the overflow policy applies
 * @param batchSize events written per batch
 * @param flushInterval how often a partial batch is written
 */
public record AuditConfig(int bufferCapacity, int batchSize, Duration flushInterval) {

  /** Default buffer capacity. */
  public static final int DEFAULT_BUFFER_CAPACITY = 10_000;
  /** Default batch size. */
  public static final int DEFAULT_BATCH_SIZE = 500;
  /** Default flush interval. */
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);

  /** Validates every field. */
  public AuditConfig {
    Checks.range("audit.buffer_capacity", bufferCapacity, 1, 10_000_000);
    Checks.range("audit.batch_size", batchSize, 1, 100_000);
    Checks.positive("audit.flush_interval", flushInterval);
  }

  /** A builder with the documented defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder().bufferCapacity(bufferCapacity).batchSize(batchSize).flushInterval(flushInterval);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private int bufferCapacity = DEFAULT_BUFFER_CAPACITY;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;

    private Builder() {}

    /** Events held in memory. */
    public Builder bufferCapacity(int value) {
      this.bufferCapacity = value;
      return this;
    }

    /** Events per batch. */
    public Builder batchSize(int value) {
      this.batchSize = value;
      return this;
    }

    /** Partial-batch flush interval. */
    public Builder flushInterval(Duration value) {
      this.flushInterval = value;
      return this;
    }

    /** Validates and builds. */
    public AuditConfig build() {
      return new AuditConfig(bufferCapacity, batchSize, flushInterval);
    }
  }
}
