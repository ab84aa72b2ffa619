package dev.citadel.client.metadata;

import java.util.Locale;

/**
 * The lifecycle of an embedding job: queued -> running -> succeeded, or failed when its worker
 * reported a failure on its last attempt, or dead when its lease ran out on its last attempt. A
 * running job whose lease ran out goes back to running under a new claim (or to queued through
 * {@link EmbeddingJobRepository#reapExpired}).
 */
public enum JobStatus {
  /** Waiting for a worker. */
  QUEUED,
  /** Claimed by a worker, whose lease ends at {@link EmbeddingJob#leaseExpiresAt()}. */
  RUNNING,
  /** Done. */
  SUCCEEDED,
  /** Its worker reported a failure on its last attempt. */
  FAILED,
  /**
   * Its lease ran out on its last attempt: the worker was lost (crashed, hung, cut off) every
   * time, or never said how it ended. Nothing claims it again.
   */
  DEAD;

  /** The value stored in the {@code status} column. */
  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }
}
