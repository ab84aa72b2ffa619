package dev.citadel.client.audit.internal;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.audit.AuditEvent;
import dev.citadel.client.audit.AuditViolation;
import dev.citadel.client.audit.AuditViolation.Kind;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.SqlClient;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
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
  private final ChainHash hasher = new ChainHash();

  /** One chain's outcome. */
  public record ChainResult(long rowsChecked, boolean anchored, AuditViolation violation) {}

  private record Row(long seq, UUID id, Instant time, byte[] encoded, byte[] prevHash, byte[] hash) {}

  private record Head(long seq, byte[] hash) {}

  private record Bounds(Long lo, Long hi) {}

  public ChainVerifier(SqlClient db) {
    this.db = db;
  }

  /** Verifies {@code chainId} over the positions of the events in {@code [from, to)}. */
  public ChainResult verify(String chainId, Instant from, Instant to) {
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
        return walk.result(violation(Kind.MODIFIED, chainId, p, "content does not match its hash"));
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
        r.getBytes("prev_hash"), r.getBytes("hash"));
  }

  private boolean selfConsistent(String chainId, Row r) {
    return r.encoded() != null && r.prevHash() != null && r.hash() != null
        && Arrays.equals(hasher.link(r.prevHash(), chainId, r.seq(), r.encoded()), r.hash());
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
          return violation(Kind.MODIFIED, chainId, r, "content does not match its hash");
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
              : violation(Kind.MODIFIED, chainId, r, "content does not match its hash");
        }
      }
      Row r = group.get(0);
      if (selfConsistent(chainId, r) && prevRow != null) {
        return violation(Kind.MODIFIED, chainId, prevRow,
            "its hash is not the one the next row was chained to (changed and re-hashed)");
      }
      return violation(Kind.MODIFIED, chainId, r, "content does not match its hash");
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
