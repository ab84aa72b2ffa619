package dev.citadel.client.metadata;

import dev.citadel.client.VersionConflictException;
import java.util.UUID;

/**
 * A worker presented a claim on an embedding job that is no longer its own: the job's lease ran
 * out and another claim took it over, the reaper requeued it or declared it {@link JobStatus#DEAD},
 * or it was finished under another claim. Nothing was changed. The worker must stop working on the
 * job and drop its result, since another worker owns it (or nobody should); retrying cannot help.
 * A {@link VersionConflictException}: the job changed since the worker claimed it.
 */
public final class ClaimLostException extends VersionConflictException {
  private static final long serialVersionUID = 1L;
  /** The job's status when the claim was refused. */
  private final JobStatus currentStatus;
  /** The attempt the worker's claim was. */
  private final int claimedAttempt;

  /**
   * @param held the job as the worker holds it (from its claim or last renewal)
   * @param current the job as it is now
   */
  public ClaimLostException(EmbeddingJob held, EmbeddingJob current) {
    super("embedding job", held.id(), held.version(), "embedding job " + held.id()
        + " is no longer claimed by this worker (its claim was attempt " + held.attempts() + "; the job is now "
        + current.status().column() + " after " + current.attempts()
        + " attempts): stop working on it and drop the result");
    this.currentStatus = current.status();
    this.claimedAttempt = held.attempts();
  }

  /** The job's id. */
  public UUID jobId() {
    return UUID.fromString(key());
  }

  /** The job's status when the claim was refused. */
  public JobStatus currentStatus() {
    return currentStatus;
  }

  /** The attempt the worker's claim was (its {@link EmbeddingJob#attempts()}). */
  public int claimedAttempt() {
    return claimedAttempt;
  }
}
