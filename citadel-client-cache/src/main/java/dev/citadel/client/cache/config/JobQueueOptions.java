package dev.citadel.client.cache.config;

import dev.citadel.client.config.spi.ConfigValue;
import java.time.Duration;

/**
 * The job queue's settings ({@code redis.queue.*}). Immutable; set through
 * {@link RedisConfig.Builder}, which validates them.
 */
public final class JobQueueOptions extends ConfigValue {
  /** Default visibility timeout of a claimed job: 60 s. */
  public static final Duration DEFAULT_VISIBILITY_TIMEOUT = Duration.ofSeconds(60);
  /** Default deliveries before dead-lettering: 5. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  private final Duration visibilityTimeout;
  private final int maxAttempts;

  JobQueueOptions(Duration visibilityTimeout, int maxAttempts) {
    this.visibilityTimeout = visibilityTimeout;
    this.maxAttempts = maxAttempts;
  }

  /**
   * How long a claimed job stays invisible before it is delivered again
   * ({@code redis.queue.visibility_timeout}, default 60 s).
   */
  public Duration visibilityTimeout() {
    return visibilityTimeout;
  }

  /**
   * Deliveries of a job before it goes to the dead-letter list ({@code redis.queue.max_attempts},
   * default 5).
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  @Override
  protected Object[] namedFields() {
    return new Object[] {"visibilityTimeout", visibilityTimeout, "maxAttempts", maxAttempts};
  }
}
