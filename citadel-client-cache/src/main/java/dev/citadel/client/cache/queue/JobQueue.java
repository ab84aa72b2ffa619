package dev.citadel.client.cache.queue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A reliable job queue in slot 2 under {@code queue:{name}:*}: {@code pending} and
 * {@code processing} lists of job ids, a {@code claims} sorted set (id to claim deadline),
 * {@code jobs}, {@code attempts}, {@code errors} and {@code tokens} (id to the current claim
 * token) hashes, a {@code dead} list and a {@code deliveries} counter. In cluster
 * mode the name is a hash tag, so one queue lives on one node and every step is one atomic script.
 *
 * <p>A job is delivered in order of enqueueing (FIFO), claimed by moving its id from
 * {@code pending} to {@code processing} (an atomic {@code LMOVE}, or {@code BLMOVE} when waiting),
 * and stays there until {@link #ack} deletes it or {@link #nack} returns it. A consumer that dies
 * without either loses nothing: once its claim is older than the visibility timeout
 * ({@code redis.queue.visibility_timeout}, default 60 s, by the Redis server's clock) the job is
 * re-delivered. Each delivery counts as an attempt; a job whose attempt
 * {@code redis.queue.max_attempts} (default 5) fails, by nack or by claim expiry, goes to the
 * dead-letter list instead. Expired claims are returned by {@link #redeliverStale()}, which
 * {@link #claim} also runs, at most every half visibility timeout (and at least every 5 s) per
 * queue object.
 *
 * <p>Delivery is at-least-once: a consumer that outlives its claim may see its job delivered
 * again; its late {@link #ack} then returns false. Every delivery carries a
 * {@linkplain Job#claimToken() claim token} unique within the queue, so a delivery never acts on
 * a later delivery of the same id: not after a re-delivery, a dead-letter retry, or a new job
 * enqueued under the id of a finished one. Jobs are never duplicated in normal operation
 * (acks within the visibility timeout). Thread-safe: share one instance among consumer threads.
 *
 * @param <T> the payload type
 */
public interface JobQueue<T> {

  /** The queue's name. */
  String name();

  /**
   * Enqueues a job with a new random id.
   *
   * @return the id
   */
  String enqueue(T payload);

  /**
   * Enqueues a job under the caller's id, unless a job with that id is already queued, claimed
   * or dead-lettered (idempotent producers).
   *
   * @return false when the id was taken and nothing was enqueued
   */
  boolean enqueue(String jobId, T payload);

  /**
   * Enqueues many jobs with new random ids in few round trips, in order.
   *
   * @return the ids, in the order of {@code payloads}
   */
  List<String> enqueueAll(List<? extends T> payloads);

  /** Claims the oldest pending job without waiting; empty when there is none. */
  Optional<Job<T>> claim();

  /**
   * Claims the oldest pending job, waiting up to {@code wait} for one (blocking {@code BLMOVE} on
   * a dedicated connection, in slices of at most a second so that stale claims are re-delivered
   * meanwhile).
   */
  Optional<Job<T>> claim(Duration wait);

  /**
   * Acknowledges a delivery: the job is done and deleted.
   *
   * @return false when this delivery no longer holds the job (its claim expired and it was
   *     re-delivered or dead-lettered, or it was already acknowledged or reported); nothing is
   *     changed then
   */
  boolean ack(Job<T> job);

  /**
   * Reports a failed delivery: the job goes back to the end of {@code pending}, or to the
   * dead-letter list when this was its last attempt.
   *
   * @param reason kept as {@link Job#lastError()}; not null
   * @return false when this delivery no longer holds the job
   */
  boolean nack(Job<T> job, String reason);

  /**
   * Extends a claim to {@code visibility} from now.
   *
   * @return false when this delivery no longer holds the job
   */
  boolean extend(Job<T> job, Duration visibility);

  /**
   * Returns jobs whose claim expired to {@code pending} (or dead-letters them), and gives claims
   * found without a deadline (a consumer died right after {@code BLMOVE}) one visibility timeout.
   *
   * @return how many jobs were returned or dead-lettered
   */
  int redeliverStale();

  /** The list sizes. */
  QueueStats stats();

  /** Up to {@code limit} dead-lettered jobs, oldest first. */
  List<Job<T>> deadLetters(int limit);

  /**
   * Moves a dead-lettered job back to {@code pending} with its attempts reset. Its next delivery
   * has a new claim token: deliveries from before the retry hold nothing.
   *
   * @return false when no dead-lettered job has that id
   */
  boolean retryDeadLetter(String jobId);

  /**
   * Deletes every dead-lettered job.
   *
   * @return how many were deleted
   */
  long purgeDeadLetters();
}
