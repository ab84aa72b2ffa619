package dev.citadel.client.db.internal;

import dev.citadel.client.metrics.CitadelMetrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read endpoint's replica lag for the metrics hook: the value a gauge reads is the last
 * sample, and reading a sample older than {@link #MAX_AGE_NANOS} starts a new one on a daemon
 * thread (one at a time, on one connection of the read endpoint's pool, bounded by its socket
 * timeout). Nothing is sampled while nobody reads the gauge or before the read endpoint's pool
 * exists: sampling never opens the pool. Thread-safe.
 */
public final class ReplicaLag implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaLag.class);
  private static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(5);
  /**
   * Seconds the server lags in replay: 0 on a primary or when it has replayed all it received,
   * else the age of the last transaction it replayed.
   */
  static final String LAG_SQL = "SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0"
      + " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
      + " ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END::float8";

  private final PgEndpoint read;
  private final AutoCloseable gauge;
  private final AtomicBoolean sampling = new AtomicBoolean();
  private final ExecutorService sampler;
  private volatile double seconds = Double.NaN;
  private volatile long sampledAt = System.nanoTime() - 2 * MAX_AGE_NANOS;

  public ReplicaLag(String clientName, PgEndpoint read, CitadelMetrics metrics) {
    this.read = read;
    this.sampler = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, clientName + "-replica-lag");
      t.setDaemon(true);
      return t;
    });
    this.gauge = metrics.registerReplicaLag(clientName, read.backend(), this::seconds);
  }

  /** The last sample; a stale one starts a new sample in the background. */
  double seconds() {
    if (System.nanoTime() - sampledAt > MAX_AGE_NANOS && read.started() && sampling.compareAndSet(false, true)) {
      try {
        sampler.execute(this::sample);
      } catch (RuntimeException e) {
        sampling.set(false); // closed
      }
    }
    return seconds;
  }

  private void sample() {
    try (Connection c = read.acquire();
        PreparedStatement ps = c.prepareStatement(LAG_SQL);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      seconds = rs.getDouble(1);
    } catch (SQLException | RuntimeException e) {
      LOG.debug("{}: replica lag not sampled: {}", read.backend(), e.toString());
      seconds = Double.NaN;
    } finally {
      sampledAt = System.nanoTime();
      sampling.set(false);
    }
  }

  @Override
  public void close() {
    try {
      gauge.close();
    } catch (Exception e) {
      LOG.debug("{}: removing the replica lag meter failed", read.backend(), e);
    } finally {
      sampler.shutdownNow();
    }
  }
}
