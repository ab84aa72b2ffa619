package dev.citadel.client.audit.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the audit writer thread runs partition maintenance: first when it starts, then every
 * {@code audit.partitions.maintenance_interval}. A failed run is logged and tried again after the
 * interval or a minute, whichever is shorter; while writing to PostgreSQL is failing, maintenance
 * is put off by a minute at a time instead of being attempted.
 *
 * <p>Times are {@link System#nanoTime()} readings given by the caller. Used by the writer thread
 * only.
 */
final class PartitionMaintenanceSchedule {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionMaintenanceSchedule.class);
  /** Delay after a failed run (unless the interval is shorter), and while PostgreSQL is failing. */
  static final long RETRY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Runnable maintenance;
  private final long intervalNanos;
  private long nextRunNanos;

  /**
   * @param maintenance the maintenance run; a {@link RuntimeException} from it counts as a failed run
   * @param interval {@code audit.partitions.maintenance_interval}
   * @param startNanos when the first run is due
   */
  PartitionMaintenanceSchedule(Runnable maintenance, Duration interval, long startNanos) {
    this.maintenance = maintenance;
    this.intervalNanos = interval.toNanos();
    this.nextRunNanos = startNanos;
  }

  /** Whether a run is due at {@code now}. */
  boolean isDue(long now) {
    return now - nextRunNanos >= 0;
  }

  /** When the next run is due. */
  long nextRunNanos() {
    return nextRunNanos;
  }

  /**
   * Runs maintenance (or, while {@code backendFailing}, puts it off) and schedules the next run
   * counting from {@code now}. Never throws for a failed run: it is logged.
   */
  void run(long now, boolean backendFailing) {
    if (backendFailing) {
      nextRunNanos = now + RETRY_NANOS;
      return;
    }
    try {
      maintenance.run();
      nextRunNanos = now + intervalNanos;
    } catch (RuntimeException e) {
      LOG.warn("audit partition maintenance failed; trying again later: {}", AuditPipeline.describe(e));
      nextRunNanos = now + Math.min(intervalNanos, RETRY_NANOS);
    }
  }
}
