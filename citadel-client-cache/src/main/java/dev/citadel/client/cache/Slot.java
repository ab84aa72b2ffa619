package dev.citadel.client.cache;

/**
 * The eight Redis slots of the Citadel convention (seed 004): each has a database number, a key
 * prefix and the stores that use it. With {@code redis.slot_mapping: databases} (the default
 * outside cluster mode) slot {@code n} lives in database {@code n}; with {@code prefixes} (always
 * in cluster mode, where only DB 0 exists) every slot lives in DB 0 and is told apart by its
 * prefix, which the key patterns already make disjoint.
 */
public enum Slot {
  /** DB 0: {@code session:user:{id}:{sid}}, sliding 1 h TTL. */
  SESSIONS(0, "session"),
  /** DB 1: {@code cache:api:{endpoint}:{hash}}, TTL 60 s to 86400 s. */
  API_CACHE(1, "cache:api"),
  /** DB 2: {@code queue:{name}:*}, no TTL. */
  QUEUES(2, "queue"),
  /** DB 3: channels {@code pubsub:{domain}:{event}} (channels ignore the database number). */
  PUBSUB(3, "pubsub"),
  /** DB 4: {@code ai:memory:conv:{id}}, 1 h TTL. */
  MEMORY(4, "ai:memory:conv"),
  /** DB 5: {@code ratelimit:{type}:{id}:{window}}, TTL of the window. */
  RATE_LIMITS(5, "ratelimit"),
  /** DB 6: {@code lock:{resource}:{id}}, 30 s TTL. */
  LOCKS(6, "lock"),
  /** DB 7: {@code metrics:{type}:{name}}, 5 min TTL. */
  METRICS(7, "metrics");

  private final int database;
  private final String prefix;

  Slot(int database, String prefix) {
    this.database = database;
    this.prefix = prefix;
  }

  /** The database number of seed 004 (used when slots map to databases). */
  public int database() {
    return database;
  }

  /** The key (or channel) prefix, without the environment prefix or the trailing colon. */
  public String prefix() {
    return prefix;
  }
}
