package dev.citadel.client.auth.internal;

import dev.citadel.client.db.SqlClient;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts authenticated requests per key and UTC day in memory and writes them in one batch per
 * flush, so a request costs no write. Counts that fail to flush are kept for the next flush.
 */
public final class UsageCounter {
  private record Slot(UUID keyId, LocalDate day) {}

  private final Map<Slot, LongAdder> pending = new ConcurrentHashMap<>();
  private final SqlClient sql;

  public UsageCounter(SqlClient sql) {
    this.sql = sql;
  }

  public void count(UUID keyId) {
    pending.computeIfAbsent(new Slot(keyId, LocalDate.now(ZoneOffset.UTC)), s -> new LongAdder()).increment();
  }

  /** Writes what was counted so far; on failure the counts stay pending and the error propagates. */
  public synchronized void flush() {
    List<Slot> slots = new ArrayList<>();
    List<Object[]> rows = new ArrayList<>();
    for (Map.Entry<Slot, LongAdder> e : pending.entrySet()) {
      long n = e.getValue().sumThenReset();
      if (n > 0) {
        slots.add(e.getKey());
        rows.add(new Object[] {e.getKey().keyId(), e.getKey().day(), n, e.getKey().keyId()});
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    try {
      // A key deleted meanwhile takes its pending counts with it.
      sql.batch("INSERT INTO api.key_usage (key_id, day, requests)"
          + " SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM api.keys WHERE id = ?)"
          + " ON CONFLICT (key_id, day) DO UPDATE SET requests = api.key_usage.requests + excluded.requests", rows);
    } catch (RuntimeException e) {
      for (int i = 0; i < slots.size(); i++) {
        pending.computeIfAbsent(slots.get(i), s -> new LongAdder()).add((Long) rows.get(i)[2]);
      }
      throw e;
    }
    pending.entrySet().removeIf(e -> e.getValue().sum() == 0 && e.getKey().day().isBefore(LocalDate.now(ZoneOffset.UTC)));
  }
}
