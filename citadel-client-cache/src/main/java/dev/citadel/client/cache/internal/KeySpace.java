package dev.citadel.client.cache.internal;

import dev.citadel.client.cache.Slot;

/**
 * Every key and channel name the stores use, in one place. Keys follow seed 004's patterns,
 * behind the optional environment prefix ({@code redis.key_prefix}). With hash tags on (cluster
 * mode) the part that groups keys of one multi-key operation is wrapped in {@code {...}}, so those
 * keys share a hash slot: {@code session:user:{42}:s1} and {@code session:index:{42}} live on one
 * node, as do the keys of one queue. Callers pass ids already checked by {@link Arguments#id}.
 */
public final class KeySpace {
  private final String prefix;
  private final boolean hashTags;

  public KeySpace(String environmentPrefix, boolean hashTags) {
    this.prefix = environmentPrefix == null ? "" : environmentPrefix + ":";
    this.hashTags = hashTags;
  }

  public boolean hashTags() {
    return hashTags;
  }

  private String tag(String part) {
    return hashTags ? "{" + part + "}" : part;
  }

  /** {@code session:user:{userId}:{sessionId}}. */
  public String session(String userId, String sessionId) {
    return prefix + Slot.SESSIONS.prefix() + ":user:" + tag(userId) + ":" + sessionId;
  }

  /** The set of a user's session ids: {@code session:index:{userId}}. */
  public String sessionIndex(String userId) {
    return prefix + Slot.SESSIONS.prefix() + ":index:" + tag(userId);
  }

  /** {@code cache:api:{endpoint}:{hash}}. */
  public String apiEntry(String endpoint, String hash) {
    return apiEndpointPrefix(endpoint) + hash;
  }

  /** {@code cache:api:{endpoint}:}, the start of every entry of an endpoint. */
  public String apiEndpointPrefix(String endpoint) {
    return prefix + Slot.API_CACHE.prefix() + ":" + tag(endpoint) + ":";
  }

  /**
   * {@code cache:api:apikeys:{prefix}}: an API key verification entry. Single-key operations only,
   * so no hash tag even in cluster mode (entries spread over the nodes).
   */
  public String apiKey(String keyPrefix) {
    return prefix + Slot.API_CACHE.prefix() + ":apikeys:" + keyPrefix;
  }

  /** {@code queue:{name}:{part}}, e.g. {@code queue:n8n:pending}. */
  public String queue(String name, String part) {
    return prefix + Slot.QUEUES.prefix() + ":" + tag(name) + ":" + part;
  }

  /** The channel {@code pubsub:{domain}:{event}}; channels need no hash tag. */
  public String channel(String domain, String event) {
    return prefix + Slot.PUBSUB.prefix() + ":" + domain + ":" + event;
  }

  /** Length of the channel prefix before the domain, to parse channel names back. */
  public int channelPrefixLength() {
    return prefix.length() + Slot.PUBSUB.prefix().length() + 1;
  }

  /** {@code ai:memory:conv:{conversationId}}. */
  public String conversation(String conversationId) {
    return prefix + Slot.MEMORY.prefix() + ":" + conversationId;
  }

  /**
   * {@code ai:memory:conv:window:{conversationId}}: the cached window of a durable conversation
   * ({@code CitadelCache.conversations}); one key, so no hash tag.
   */
  public String conversationWindow(String conversationId) {
    return prefix + Slot.MEMORY.prefix() + ":window:" + conversationId;
  }

  /** {@code ratelimit:{type}:{id}:{window}}, the window written like {@code 60s} or {@code 500ms}. */
  public String rateLimit(String type, String id, String window) {
    return prefix + Slot.RATE_LIMITS.prefix() + ":" + type + ":" + id + ":" + window;
  }

  /** {@code lock:{resource}:{id}}; in cluster mode {@code lock:{resource:id}}. */
  public String lock(String resource, String id) {
    return prefix + Slot.LOCKS.prefix() + ":" + tag(resource + ":" + id);
  }

  /** The fencing counter of a lock: {@code lock:{resource}:{id}:fence}, in the lock's hash slot. */
  public String lockFence(String resource, String id) {
    return lock(resource, id) + ":fence";
  }

  /**
   * {@code audit:anchor:{chainId}}: the latest keyed head of an audit chain, kept in slot 2's
   * database (no TTL). Not one of seed 004's patterns; disjoint from all of them. Single-key
   * operations only, so no hash tag.
   */
  public String auditAnchor(String chainId) {
    return prefix + "audit:anchor:" + chainId;
  }

  /** {@code metrics:{type}:{name}}, type {@code counter} or {@code gauge}. */
  public String metric(String type, String name) {
    return prefix + Slot.METRICS.prefix() + ":" + type + ":" + name;
  }
}
