package dev.citadel.client.db.internal;

import dev.citadel.client.db.WalPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Read-your-writes on a read path: before a call runs on its borrowed read connection, waits
 * until that server has replayed {@link #seen()} (a primary has nothing to replay), for at most
 * the bound; a call whose replica stays behind runs on {@link #primary()} instead. PostgreSQL
 * offers no way to wait for a replay position, so the replica is polled, 1 ms apart at first and
 * at most 20 ms apart. The check runs on the very connection the call then uses: with several
 * replicas, another one may be further behind. Thread-safe.
 */
final class ReplicaWait {
  private static final String CAUGHT_UP =
      "SELECT NOT pg_is_in_recovery() OR pg_last_wal_replay_lsn() >= ?::pg_lsn";
  private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final WalPosition seen;
  private final long boundNanos;
  private final StatementPath primary;

  /**
   * @param primary where a call goes when its replica stays behind (read-only statements on the
   *     pooled endpoint, same schema)
   */
  ReplicaWait(WalPosition seen, Duration bound, StatementPath primary) {
    this.seen = seen;
    this.boundNanos = bound.toNanos();
    this.primary = primary;
  }

  WalPosition seen() {
    return seen;
  }

  StatementPath primary() {
    return primary;
  }

  /**
   * Whether {@code c}'s server has replayed {@link #seen()} (or is a primary), waiting for it up to
   * the bound. Recorded as {@code replica_wait} when it has, {@code replica_fallback} when not.
   */
  boolean caughtUp(PgEndpoint endpoint, Connection c) throws SQLException {
    long start = System.nanoTime();
    long deadline = start + boundNanos;
    long pause = FIRST_PAUSE_NANOS;
    try (PreparedStatement ps = c.prepareStatement(CAUGHT_UP)) {
      ps.setString(1, seen.lsn());
      while (true) {
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next() && rs.getBoolean(1)) {
            endpoint.recordWait("replica_wait", System.nanoTime() - start);
            return true;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || !pause(Math.min(pause, left))) {
          endpoint.recordWait("replica_fallback", System.nanoTime() - start);
          return false;
        }
        pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
      }
    }
  }

  /** False when interrupted (the flag restored): the call then reads the primary at once. */
  private static boolean pause(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
