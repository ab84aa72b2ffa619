package dev.citadel.client.cache.internal;

import dev.citadel.client.audit.AuditAnchor;
import dev.citadel.client.audit.AuditAnchorStore;
import dev.citadel.client.audit.AuditException;
import dev.citadel.client.cache.Slot;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core's {@link AuditAnchorStore} in Redis: the latest anchor of each chain in the hash
 * {@code audit:anchor:{chain}} (fields {@code sequence}, {@code hash}, {@code key_id},
 * {@code published_at}, {@code mac}) without a TTL, in the database of slot 2 (the slot whose keys
 * have no TTL; its server should run {@code noeviction}). One script compares and writes, so an
 * anchor replaces the stored one only when its sequence is higher: a stale writer (another
 * process on the same chain publishing an older head late, or a retry) cannot move the anchor
 * back.
 */
public final class RedisAuditAnchorStore implements AuditAnchorStore {
  private static final Logger LOG = LoggerFactory.getLogger(RedisAuditAnchorStore.class);
  private static final HexFormat HEX = HexFormat.of();

  /**
   * 1 when written, 0 when the stored anchor's sequence is at least ours. Sequences compare as Lua
   * numbers (doubles), exact up to 2^53, which no chain reaches.
   */
  private static final LuaScript PUBLISH = new LuaScript("""
      local held = redis.call('HGET', KEYS[1], 'sequence')
      if held and tonumber(held) >= tonumber(ARGV[1]) then return 0 end
      redis.call('HSET', KEYS[1], 'sequence', ARGV[1], 'hash', ARGV[2], 'key_id', ARGV[3],
          'published_at', ARGV[4], 'mac', ARGV[5])
      return 1
      """);

  private final RedisBackend backend;

  public RedisAuditAnchorStore(RedisBackend backend) {
    this.backend = backend;
  }

  @Override
  public String name() {
    return "redis " + backend.connections().description() + " DB " + backend.connections().database(Slot.QUEUES);
  }

  @Override
  public void publish(AuditAnchor anchor) {
    Objects.requireNonNull(anchor, "anchor");
    String[] keys = {backend.keys().auditAnchor(anchor.chainId())};
    long written = backend.call("audit.anchor.publish", Slot.QUEUES, true,
        r -> PUBLISH.<Long>run(r, ScriptOutputType.INTEGER, keys, Bytes.of(anchor.sequence()),
            Bytes.of(HEX.formatHex(anchor.hash())), Bytes.of(anchor.keyId()),
            Bytes.of(anchor.publishedAt().toString()), Bytes.of(HEX.formatHex(anchor.mac()))));
    if (written == 0) {
      LOG.debug("audit chain '{}': {} already holds an anchor at or past position {}; kept it",
          anchor.chainId(), name(), anchor.sequence());
    }
  }

  @Override
  public Optional<AuditAnchor> latest(String chainId) {
    Objects.requireNonNull(chainId, "chainId");
    String key = backend.keys().auditAnchor(chainId);
    Map<String, byte[]> fields = backend.call("audit.anchor.latest", Slot.QUEUES, true, r -> r.hgetall(key));
    if (fields == null || fields.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new AuditAnchor(chainId, Long.parseLong(field(fields, "sequence")),
          HEX.parseHex(field(fields, "hash")), field(fields, "key_id"),
          Instant.parse(field(fields, "published_at")), HEX.parseHex(field(fields, "mac"))));
    } catch (RuntimeException e) {
      throw new AuditException("the Redis key " + key + " does not hold an audit anchor (damaged or"
          + " replaced): " + e.getMessage(), e);
    }
  }

  private static String field(Map<String, byte[]> fields, String name) {
    byte[] value = fields.get(name);
    if (value == null) {
      throw new IllegalStateException("field '" + name + "' is missing");
    }
    return Bytes.text(value);
  }

  @Override
  public String toString() {
    return name();
  }
}
