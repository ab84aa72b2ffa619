package dev.citadel.client.audit.internal;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.audit.AuditAnchor;
import dev.citadel.client.audit.AuditAnchorStore;
import dev.citadel.client.audit.AuditEvent;
import dev.citadel.client.audit.AuditViolation;
import dev.citadel.client.audit.AuditViolation.Kind;
import dev.citadel.client.config.AuditChainKey;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.SqlClient;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Walks one chain over the positions of a time range, recomputing every hash. The walk covers
 * the positions from the lowest to the highest found in the range (rows in between are checked
 * whatever their time), starts from the row before them (or the chain's start) and ends with the
 * row after them (or the head recorded in {@code audit.chains}), so a row deleted at either edge
 * shows too. Not thread-safe: one walk at a time.
 */
public final class ChainVerifier {
  private final SqlClient db;
  private final ChainHash unkeyed = new ChainHash();
  private final Map<String, AuditChainKey> keys;
  private final Map<String, ChainHash> keyed = new HashMap<>();
  private final List<AuditAnchorStore> anchorStores;

  /** One chain's outcome. */
  public record ChainResult(long rowsChecked, boolean anchored, AuditViolation violation) {}

  private record Row(long seq, UUID id, Instant time, byte[] encoded, byte[] prevHash, byte[] hash, String keyId) {}

  private record Head(long seq, byte[] hash) {}

  private record Bounds(Long lo, Long hi) {}

  public ChainVerifier(SqlClient db) {
    this(db, List.of(), List.of());
  }

  /**
   * A verifier of keyed chains when {@code keys} is not empty (then every row must be keyed with
   * one of them), checking each chain against the latest anchor in {@code anchorStores}.
   */
  public ChainVerifier(SqlClient db, List<AuditChainKey> keys, List<AuditAnchorStore> anchorStores) {
    this.db = db;
    this.keys = new LinkedHashMap<>();
    keys.forEach(k -> this.keys.put(k.id(), k));
    this.anchorStores = List.copyOf(anchorStores);
  }

  /**
   * Verifies {@code chainId} over the positions of the events in {@code [from, to)}, then (when
   * the range verifies) the whole chain's tail against its latest anchor.
   */
  public ChainResult verify(String chainId, Instant from, Instant to) {
    ChainResult walked = walk(chainId, from, to);
    if (walked.violation() != null || anchorStores.isEmpty() || keys.isEmpty()) {
      return walked;
    }
    return new ChainResult(walked.rowsChecked(), walked.anchored(), checkAnchor(chainId));
  }

  /** The table's tail against the latest valid anchor of {@code chainId}. */
  private AuditViolation checkAnchor(String chainId) {
    AuditAnchor latest = null;
    AuditAnchorStore from = null;
    for (AuditAnchorStore store : anchorStores) {
      Optional<AuditAnchor> found = store.latest(chainId);
      if (found.isEmpty()) {
        continue;
      }
      AuditAnchor a = found.get();
      AuditChainKey key = keys.get(a.keyId());
      if (key == null || !AnchorMac.verifies(key, a)) {
        return new AuditViolation(Kind.ANCHOR, chainId, a.sequence(), null, null, "the anchor in "
            + store.name() + " (position " + a.sequence() + ", published " + a.publishedAt() + ") "
            + (key == null ? "names key id '" + a.keyId() + "', which the verifier was not given"
                : "fails its MAC under key '" + a.keyId() + "': it was not written by the audit writer"));
      }
      if (latest == null || a.sequence() > latest.sequence()) {
        latest = a;
        from = store;
      }
    }
    if (latest == null) {
      return null;
    }
    AuditAnchor anchor = latest;
    String where = "the anchor published " + anchor.publishedAt() + " to " + from.name();
    List<Row> atAnchor = db.query("SELECT " + AuditRows.COLUMNS + " FROM audit.logs WHERE chain_id = ? AND seq = ?",
        this::row, chainId, anchor.sequence());
    if (atAnchor.isEmpty()) {
      Long last = db.queryOne("SELECT max(seq) FROM audit.logs WHERE chain_id = ?",
          r -> r.getObject(1, Long.class), chainId);
      long end = last == null ? 0 : last;
      return missing(chainId, end + 1, where + " records the chain up to position " + anchor.sequence()
          + " but the table ends at " + end + " (rows cut from the tail)");
    }
    for (Row r : atAnchor) {
      if (Arrays.equals(r.hash(), anchor.hash())) {
        return null;
      }
    }
    return violation(Kind.MODIFIED, chainId, atAnchor.get(0), "its hash is not the one " + where
        + " records for this position (the chain was rewritten)");
  }

  private ChainResult walk(String chainId, Instant from, Instant to) {
    Bounds bounds = db.queryOne("SELECT min(seq), max(seq) FROM audit.logs"
            + " WHERE chain_id = ? AND event_time >= ? AND event_time < ?",
        r -> new Bounds(r.getObject(1, Long.class), r.getObject(2, Long.class)), chainId, from, to);
    if (bounds.lo() == null) {
      return new ChainResult(0, true, null);
    }
    Optional<Head> head = db.queryOptional("SELECT last_seq, last_hash FROM audit.chains WHERE chain_id = ?",
        r -> new Head(r.getLong(1), r.getBytes(2)), chainId);
    RowMapper<Row> mapper = this::row;
    if (head.isEmpty()) {
      Row first = db.query("SELECT " + AuditRows.COLUMNS + " FROM audit.logs WHERE chain_id = ?"
          + " AND event_time >= ? AND event_time < ? ORDER BY seq, id LIMIT 1", mapper, chainId, from, to).get(0);
      return new ChainResult(0, false, violation(Kind.INSERTED, chainId, first,
          "row of chain '" + chainId + "', which audit.chains does not know"));
    }
    Optional<Row> before = db.queryOptional("SELECT " + AuditRows.COLUMNS + " FROM audit.logs"
        + " WHERE chain_id = ? AND seq < ? ORDER BY seq DESC, id DESC LIMIT 1", mapper, chainId, bounds.lo());
    Walk walk = new Walk(chainId, bounds.hi(), head.get());
    long start;
    if (before.isPresent()) {
      Row p = before.get();
      walk.rowsChecked++;
      if (!selfConsistent(chainId, p)) {
        return walk.result(violation(Kind.MODIFIED, chainId, p, mismatch(p)));
      }
      walk.expectedSeq = p.seq() + 1;
      walk.prevHash = p.hash();
      walk.prevRow = p;
      start = p.seq() + 1;
    } else if (bounds.lo() == 1) {
      walk.expectedSeq = 1;
      walk.prevHash = ChainHash.GENESIS;
      start = 1;
    } else {
      walk.anchored = false;
      walk.expectedSeq = bounds.lo();
      start = bounds.lo();
    }
    try (Stream<Row> rows = db.stream("SELECT " + AuditRows.COLUMNS + " FROM audit.logs"
        + " WHERE chain_id = ? AND seq >= ? ORDER BY seq, id", mapper, chainId, start)) {
      return walk.run(rows.iterator());
    }
  }

  private Row row(ResultSet r) throws SQLException {
    byte[] encoded;
    try {
      AuditEvent event = AuditRows.event(r);
      encoded = EventCodec.encode(event);
    } catch (InvalidArgumentException | IllegalArgumentException e) {
      encoded = null; // no AuditLog could have written this row, so no hash can match it
    }
    return new Row(r.getLong("seq"), r.getObject("id", UUID.class),
        r.getObject("event_time", java.time.OffsetDateTime.class).toInstant(), encoded,
        r.getBytes("prev_hash"), r.getBytes("hash"), r.getString("key_id"));
  }

  private boolean selfConsistent(String chainId, Row r) {
    ChainHash hasher = hasher(r);
    return hasher != null && r.encoded() != null && r.prevHash() != null && r.hash() != null
        && Arrays.equals(hasher.link(r.prevHash(), chainId, r.seq(), r.encoded()), r.hash());
  }

  /** The hasher of {@code r}'s key; null when this verifier cannot (or must not) check it. */
  private ChainHash hasher(Row r) {
    if (keys.isEmpty()) {
      return r.keyId() == null ? unkeyed : null;
    }
    if (r.keyId() == null) {
      return null;
    }
    AuditChainKey key = keys.get(r.keyId());
    return key == null ? null : keyed.computeIfAbsent(key.id(), id -> new ChainHash(id, key.material()));
  }

  /** Why {@code r} does not verify on its own, in words. */
  private String mismatch(Row r) {
    if (keys.isEmpty() && r.keyId() != null) {
      return "it is keyed with key id '" + r.keyId() + "'; verify with the chain keys"
          + " (AuditVerifier.create(db, keys, anchorStores))";
    }
    if (!keys.isEmpty() && r.keyId() == null) {
      return "it is not keyed, but the verifier was given chain keys (every row of a keyed chain is"
          + " keyed: rewritten by someone without the key?)";
    }
    if (!keys.isEmpty() && !keys.containsKey(r.keyId())) {
      return "it is keyed with key id '" + r.keyId() + "', which the verifier was not given (it knows "
          + String.join(", ", keys.keySet()) + ")";
    }
    return "content does not match its hash";
  }

  private static AuditViolation violation(Kind kind, String chainId, Row r, String what) {
    return new AuditViolation(kind, chainId, r.seq(), r.id(), r.time(),
        "row " + r.id() + " at position " + r.seq() + ": " + what);
  }

  private static AuditViolation missing(String chainId, long seq, String what) {
    return new AuditViolation(Kind.MISSING, chainId, seq, null, null, "position " + seq + " has no row: " + what);
  }

  /** The state of one walk. */
  private final class Walk {
    final String chainId;
    final long hi;
    final Head head;
    long expectedSeq;
    byte[] prevHash;
    Row prevRow;
    long rowsChecked;
    boolean anchored = true;
    private Iterator<Row> rows;
    private Row pending;

    Walk(String chainId, long hi, Head head) {
      this.chainId = chainId;
      this.hi = hi;
      this.head = head;
    }

    ChainResult result(AuditViolation v) {
      return new ChainResult(rowsChecked, anchored, v);
    }

    ChainResult run(Iterator<Row> it) {
      this.rows = it;
      List<Row> current = nextGroup();
      while (current != null) {
        List<Row> following = nextGroup();
        long seq = current.get(0).seq();
        if (seq > hi) {
          return result(successor(current));
        }
        AuditViolation v = step(current, following);
        if (v != null) {
          return result(v);
        }
        current = following;
      }
      long last = expectedSeq - 1;
      if (head.seq() > last) {
        return result(missing(chainId, expectedSeq,
            "audit.chains records the chain up to position " + head.seq() + " but the last row is at " + last));
      }
      if (head.seq() == last && prevRow != null && !Arrays.equals(head.hash(), prevHash)) {
        return result(violation(Kind.MODIFIED, chainId, prevRow,
            "its hash is not the chain head recorded in audit.chains (changed and re-hashed)"));
      }
      return result(null);
    }

    private AuditViolation step(List<Row> group, List<Row> following) {
      long seq = group.get(0).seq();
      if (seq > expectedSeq) {
        for (Row r : group) {
          if (prevHash != null && Arrays.equals(r.prevHash(), prevHash) && selfConsistent(chainId, r)) {
            return violation(Kind.INSERTED, chainId, r,
                "chained to position " + (expectedSeq - 1) + " but numbered " + seq + " (skips positions)");
          }
        }
        return missing(chainId, expectedSeq, "the chain jumps from position " + (expectedSeq - 1) + " to " + seq);
      }
      rowsChecked += group.size();
      if (prevHash == null) {
        prevHash = group.get(0).prevHash();
      }
      if (group.size() == 1) {
        Row r = group.get(0);
        if (!selfConsistent(chainId, r)) {
          return violation(Kind.MODIFIED, chainId, r, mismatch(r));
        }
        if (!Arrays.equals(r.prevHash(), prevHash)) {
          if (prevRow != null) {
            return violation(Kind.MODIFIED, chainId, prevRow,
                "its hash is not the one the next row was chained to (changed and re-hashed)");
          }
          return violation(Kind.MODIFIED, chainId, r, "the chain's first row does not start from the genesis hash");
        }
        prevHash = r.hash();
        prevRow = r;
        expectedSeq++;
        return null;
      }
      List<Row> linked = new ArrayList<>();
      for (Row r : group) {
        if (Arrays.equals(r.prevHash(), prevHash) && selfConsistent(chainId, r)) {
          linked.add(r);
        }
      }
      Row genuine = null;
      if (linked.size() == 1) {
        genuine = linked.get(0);
      } else if (linked.size() > 1 && following != null) {
        for (Row r : linked) {
          for (Row next : following) {
            if (Arrays.equals(next.prevHash(), r.hash())) {
              genuine = r;
            }
          }
        }
      }
      for (Row r : group) {
        if (r != genuine) {
          return violation(Kind.INSERTED, chainId, r, "a second row at position " + seq);
        }
      }
      throw new IllegalStateException("unreachable");
    }

    /** The row after the range: it must follow on and link to the range's last row. */
    private AuditViolation successor(List<Row> group) {
      long seq = group.get(0).seq();
      if (seq > expectedSeq) {
        return missing(chainId, expectedSeq, "the chain jumps from position " + (expectedSeq - 1) + " to " + seq);
      }
      rowsChecked += group.size();
      for (Row r : group) {
        if (Arrays.equals(r.prevHash(), prevHash)) {
          return selfConsistent(chainId, r) || group.size() > 1 ? null
              : violation(Kind.MODIFIED, chainId, r, mismatch(r));
        }
      }
      Row r = group.get(0);
      if (selfConsistent(chainId, r) && prevRow != null) {
        return violation(Kind.MODIFIED, chainId, prevRow,
            "its hash is not the one the next row was chained to (changed and re-hashed)");
      }
      return violation(Kind.MODIFIED, chainId, r, mismatch(r));
    }

    private List<Row> nextGroup() {
      Row first = pending;
      pending = null;
      if (first == null) {
        if (!rows.hasNext()) {
          return null;
        }
        first = rows.next();
      }
      List<Row> group = new ArrayList<>(1);
      group.add(first);
      while (rows.hasNext()) {
        Row r = rows.next();
        if (r.seq() == first.seq()) {
          group.add(r);
        } else {
          pending = r;
          break;
        }
      }
      return group;
    }
  }
}
