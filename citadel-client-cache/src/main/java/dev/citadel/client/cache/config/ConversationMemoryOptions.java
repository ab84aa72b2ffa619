package dev.citadel.client.cache.config;

import dev.citadel.client.config.spi.ConfigValue;
import java.time.Duration;

/**
 * The conversation memory store's settings ({@code redis.memory.*}). Immutable; set through
 * {@link RedisConfig.Builder}, which validates them.
 */
public final class ConversationMemoryOptions extends ConfigValue {
  /** Default conversation memory lifetime: one hour (seed 004). */
  public static final Duration DEFAULT_TTL = Duration.ofHours(1);
  /** Default messages kept per conversation: 100. */
  public static final int DEFAULT_MAX_MESSAGES = 100;

  private final Duration ttl;
  private final int maxMessages;

  ConversationMemoryOptions(Duration ttl, int maxMessages) {
    this.ttl = ttl;
    this.maxMessages = maxMessages;
  }

  /** Lifetime of a conversation after its last append ({@code redis.memory.ttl}, default 1 h). */
  public Duration ttl() {
    return ttl;
  }

  /**
   * Messages kept per conversation, oldest dropped first ({@code redis.memory.max_messages},
   * default 100).
   */
  public int maxMessages() {
    return maxMessages;
  }

  @Override
  protected Object[] namedFields() {
    return new Object[] {"ttl", ttl, "maxMessages", maxMessages};
  }
}
