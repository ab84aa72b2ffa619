package dev.citadel.client.audit.internal;

import dev.citadel.client.ConstraintViolationException;
import dev.citadel.client.audit.AuditException;
import dev.citadel.client.config.AuditChainKey;
import dev.citadel.client.db.SqlClient;
import dev.citadel.client.db.Transaction;
import dev.citadel.client.db.internal.SqlFailures;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Appends batches to one hash chain: in one transaction, numbers and hashes the batch after the
 * chain head this writer last left, COPYs the rows (streamed while they are rendered), then
 * advances the head in {@code audit.chains} only if it is still there. A head moved by another
 * writer means: roll back, reload it and chain again. A duplicate key (an event already stored, e.g. replayed after a crash between
 * commit and acknowledgement) means: run again leaving out the events already there. So each
 * event is stored once, and seq numbers have no gaps. Used by one thread.
 */
public final class ChainWriter implements AuditSink {
  private static final int MAX_HEAD_RELOADS = 50;
  private static final int COPY_CHUNK_BYTES = 64 * 1024;

  /** What a batch did: rows inserted and events that were already stored. */
  public record Outcome(int inserted, int duplicates) {}

  private record Written(long seq, byte[] hash, int inserted) {}

  /** The head was not where this writer expected it. */
  private static final class HeadMoved extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HeadMoved() {
      super("audit chain head moved", null, false, false);
    }
  }

  private final SqlClient db;
  private final String chainId;
  private final String backend;
  private final ChainHash hasher;
  private final ChainAnchors anchors;
  private final CopyRows copy = new CopyRows();
  private long headSeq = -1;
  private byte[] headHash;

  public ChainWriter(SqlClient db, String chainId) {
    this(db, chainId, null, null);
  }

  /**
   * A writer chaining with HMAC-SHA256 under {@code key} (plain SHA-256 when null) and publishing
   * its head to {@code anchors} (none when null).
   */
  public ChainWriter(SqlClient db, String chainId, AuditChainKey key, ChainAnchors anchors) {
    this.db = db;
    this.chainId = chainId;
    this.hasher = key == null ? new ChainHash() : new ChainHash(key.id(), key.material());
    this.anchors = anchors;
    this.backend = "postgres-" + db.endpoint().name().toLowerCase(Locale.ROOT);
  }

  /**
   * Stores {@code batch} in order after the chain head.
   *
   * @throws dev.citadel.client.CitadelException as the database client reports failures; the
   *     outcome is then unknown, and writing the same batch again is safe
   */
  @Override
  public Outcome write(List<Pending> batch) {
    boolean skipStored = false;
    for (int reloads = 0; ; ) {
      boolean dedupe = skipStored;
      RuntimeException failure;
      try {
        Written w = db.inTransaction(tx -> writeOnce(tx, batch, dedupe));
        headSeq = w.seq();
        headHash = w.hash();
        if (anchors != null && w.inserted() > 0) {
          anchors.headMoved(headSeq, headHash);
        }
        return new Outcome(w.inserted(), batch.size() - w.inserted());
      } catch (HeadMoved e) {
        headSeq = -1;
        if (++reloads >= MAX_HEAD_RELOADS) {
          throw new AuditException("audit chain '" + chainId + "': the head kept moving under "
              + MAX_HEAD_RELOADS + " attempts; is another busy writer using the same audit.chain_id?");
        }
        continue;
      } catch (SQLException e) {
        // What the callback throws comes back as it was thrown (after rollback).
        failure = SqlFailures.INSTANCE.translate(backend, e, 1);
      } catch (RuntimeException e) {
        failure = e;
      }
      headSeq = -1;
      if (!skipStored && failure instanceof ConstraintViolationException c && "23505".equals(c.sqlState())) {
        skipStored = true;
        continue;
      }
      throw failure;
    }
  }

  /**
   * Publishes the head this writer last left to the anchor stores (on close, after the writer
   * thread has stopped).
   */
  public void publishHead() {
    if (anchors != null && headSeq > 0) {
      anchors.publish(headSeq, headHash);
    }
  }

  /**
   * Reads the identity of the database written to. The system identifier needs the right to run
   * {@code pg_control_system()} (superusers and members of {@code pg_monitor} by default
   * on some versions); without it the identity is the database's oid alone.
   */
  @Override
  public DatabaseIdentity identity() {
    return db.inTransaction(tx -> {
      DatabaseIdentity named = tx.queryOne("SELECT oid::bigint, datname::text FROM pg_database"
          + " WHERE datname = current_database()", row -> new DatabaseIdentity(null, row.getLong(1), row.getString(2)));
      tx.update("SAVEPOINT identity");
      try {
        String system = tx.queryOne("SELECT system_identifier::text FROM pg_control_system()",
            dev.citadel.client.db.RowMapper.column(String.class));
        return new DatabaseIdentity(system, named.databaseOid(), named.databaseName());
      } catch (dev.citadel.client.QueryException e) {
        tx.update("ROLLBACK TO SAVEPOINT identity");
        return named;
      }
    });
  }

  private Written writeOnce(Transaction tx, List<Pending> batch, boolean skipStored) throws SQLException {
    if (headSeq < 0) {
      loadHead(tx);
    }
    List<Pending> rows = skipStored ? notStored(tx, batch) : batch;
    if (rows.isEmpty()) {
      return new Written(headSeq, headHash, 0);
    }
    long seq = headSeq;
    byte[] prev = headHash;
    copy.reset();
    // Rows go out in chunks while the rest are still being hashed and rendered, so PostgreSQL
    // inserts one chunk while this thread prepares the next. The head moves last: a writer that
    // finds it moved (another process on the same chain) rolls all of this back.
    CopyIn in = tx.connection().unwrap(PGConnection.class).getCopyAPI().copyIn(CopyRows.COPY_SQL);
    try {
      for (Pending p : rows) {
        seq++;
        byte[] hash = hasher.link(prev, chainId, seq, p.encoded());
        copy.add(p.event(), chainId, seq, prev, hash, hasher.keyId());
        prev = hash;
        if (copy.size() >= COPY_CHUNK_BYTES) {
          copy.writeTo(in);
          copy.reset();
        }
      }
      copy.writeTo(in);
      in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
    int moved = tx.update("UPDATE audit.chains SET last_seq = ?, last_hash = ?, updated_at = now()"
        + " WHERE chain_id = ? AND last_seq = ?", seq, prev, chainId, headSeq);
    if (moved != 1) {
      throw new HeadMoved();
    }
    return new Written(seq, prev, rows.size());
  }

  private void loadHead(Transaction tx) {
    tx.update("INSERT INTO audit.chains (chain_id) VALUES (?) ON CONFLICT DO NOTHING", chainId);
    tx.queryOne("SELECT last_seq, last_hash FROM audit.chains WHERE chain_id = ?", row -> {
      headSeq = row.getLong(1);
      headHash = row.getBytes(2);
      return Boolean.TRUE;
    }, chainId);
  }

  /** {@code batch} without events already in the table and without repeats within it. */
  private static List<Pending> notStored(Transaction tx, List<Pending> batch) throws SQLException {
    Set<String> seen = new HashSet<>();
    List<Pending> unique = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      if (seen.add(key(p.event().id(), EventCodec.micros(p.event().time())))) {
        unique.add(p);
      }
    }
    String[] times = new String[unique.size()];
    String[] ids = new String[unique.size()];
    for (int i = 0; i < unique.size(); i++) {
      times[i] = unique.get(i).event().time().toString();
      ids[i] = unique.get(i).event().id().toString();
    }
    Connection c = tx.connection();
    Array timeArray = c.createArrayOf("text", times);
    Array idArray = c.createArrayOf("text", ids);
    Set<String> stored = new HashSet<>(tx.query(
        "SELECT l.id, l.event_time FROM audit.logs l"
            + " JOIN unnest(?::text[]::timestamptz[], ?::text[]::uuid[]) AS k(t, id)"
            + " ON l.event_time = k.t AND l.id = k.id",
        row -> key(row.getObject(1, UUID.class),
            EventCodec.micros(row.getObject(2, java.time.OffsetDateTime.class).toInstant())),
        timeArray, idArray));
    List<Pending> fresh = new ArrayList<>(unique.size());
    for (Pending p : unique) {
      if (!stored.contains(key(p.event().id(), EventCodec.micros(p.event().time())))) {
        fresh.add(p);
      }
    }
    return fresh;
  }

  private static String key(UUID id, long micros) {
    return micros + "/" + id;
  }
}
