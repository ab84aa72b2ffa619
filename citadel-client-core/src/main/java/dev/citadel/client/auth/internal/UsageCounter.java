package dev.citadel.client.auth.internal;

import dev.citadel.client.CitadelException;
import dev.citadel.client.UnavailableException;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.SqlClient;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts authenticated requests per key and UTC day in memory and writes them in one transaction
 * per flush, so a request costs no write, and a flush is written whole or not at all (a JDBC
 * batch in auto-commit is committed in pieces). A flush that fails keeps its counts: when the
 * failure cannot have committed anything they are pending again; otherwise (the commit's reply
 * may have been lost) the batch is in doubt, remembered with its transaction id, and the next
 * flush asks PostgreSQL ({@code pg_xact_status}) whether it committed before writing it again.
 * So counts are neither lost nor added twice.
 */
public final class UsageCounter {
  private static final Logger LOG = LoggerFactory.getLogger(UsageCounter.class);
  private static final String UPSERT = "INSERT INTO api.key_usage (key_id, day, requests)"
      // A key deleted meanwhile takes its pending counts with it.
      + " SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM api.keys WHERE id = ?)"
      + " ON CONFLICT (key_id, day) DO UPDATE SET requests = api.key_usage.requests + excluded.requests";

  private record Slot(UUID keyId, LocalDate day) {}

  /** A written batch whose transaction may or may not have committed. */
  private record InDoubt(String transactionId, Map<Slot, Long> counts) {}

  private final Map<Slot, LongAdder> pending = new ConcurrentHashMap<>();
  private final List<InDoubt> inDoubt = new ArrayList<>(); // guarded by this
  private final SqlClient sql;

  public UsageCounter(SqlClient sql) {
    this.sql = sql;
  }

  public void count(UUID keyId) {
    pending.computeIfAbsent(new Slot(keyId, LocalDate.now(ZoneOffset.UTC)), s -> new LongAdder()).increment();
  }

  /**
   * Settles batches in doubt, then writes what was counted so far in one transaction. On failure
   * the counts are kept (pending, or in doubt) and the error propagates.
   */
  public synchronized void flush() {
    settleInDoubt();
    Map<Slot, Long> batch = drain();
    if (batch.isEmpty()) {
      return;
    }
    List<Object[]> rows = new ArrayList<>(batch.size());
    batch.forEach((slot, n) -> rows.add(new Object[] {slot.keyId(), slot.day(), n, slot.keyId()}));
    AtomicReference<String> transactionId = new AtomicReference<>();
    try {
      sql.inTransaction(tx -> {
        transactionId.set(tx.queryOne("SELECT pg_current_xact_id()::text", RowMapper.column(String.class)));
        return tx.batch(UPSERT, rows);
      });
    } catch (RuntimeException | Error e) {
      if (transactionId.get() == null) {
        restore(batch); // no transaction id: the transaction wrote nothing
      } else {
        inDoubt.add(new InDoubt(transactionId.get(), batch));
      }
      throw e;
    }
    pending.entrySet().removeIf(e -> e.getValue().sum() == 0 && e.getKey().day().isBefore(LocalDate.now(ZoneOffset.UTC)));
  }

  /** Counts in batches whose outcome is not settled yet. */
  public synchronized long inDoubtCount() {
    return inDoubt.stream().flatMap(d -> d.counts().values().stream()).mapToLong(Long::longValue).sum();
  }

  private Map<Slot, Long> drain() {
    Map<Slot, Long> batch = new LinkedHashMap<>();
    for (Map.Entry<Slot, LongAdder> e : pending.entrySet()) {
      long n = e.getValue().sumThenReset();
      if (n > 0) {
        batch.put(e.getKey(), n);
      }
    }
    return batch;
  }

  private void restore(Map<Slot, Long> counts) {
    counts.forEach((slot, n) -> pending.computeIfAbsent(slot, s -> new LongAdder()).add(n));
  }

  /** @throws UnavailableException when PostgreSQL cannot say yet; the batches stay in doubt */
  private void settleInDoubt() {
    for (Iterator<InDoubt> it = inDoubt.iterator(); it.hasNext(); ) {
      InDoubt batch = it.next();
      String status;
      try {
        status = sql.queryOne("SELECT pg_xact_status(?::xid8)", RowMapper.column(String.class), batch.transactionId());
      } catch (UnavailableException e) {
        throw e;
      } catch (CitadelException e) {
        // e.g. "transaction ID is in the future" after a failover: it never committed on this server.
        LOG.warn("API key usage: outcome of transaction {} unknown to this server ({}); writing its counts again",
            batch.transactionId(), e.getMessage());
        status = "aborted";
      }
      if (status == null) {
        LOG.warn("API key usage: transaction {} is too old for PostgreSQL to tell whether it committed;"
            + " dropping its {} counts rather than risk counting them twice", batch.transactionId(),
            batch.counts().values().stream().mapToLong(Long::longValue).sum());
        it.remove();
      } else if (status.equals("committed")) {
        it.remove();
      } else if (status.equals("aborted")) {
        restore(batch.counts());
        it.remove();
      }
      // "in progress": still running on the server; asked again at the next flush.
    }
  }
}
