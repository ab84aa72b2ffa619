package dev.citadel.client.metadata;

import java.util.Locale;

/** The lifecycle of an embedding job: queued -> running -> succeeded or failed. */
public enum JobStatus {
  /** Waiting for a worker. */
  QUEUED,
  /** Claimed by a worker. */
  RUNNING,
  /** Done. */
  SUCCEEDED,
  /** Gave up after its attempts. */
  FAILED;

  /** The value stored in the {@code status} column. */
  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }
}
