package dev.citadel.examples.served;

import dev.citadel.client.CitadelException;
import dev.citadel.client.cache.queue.Job;
import dev.citadel.client.cache.queue.JobQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The in-app worker of the follow-up queue (Redis DB 2): one thread claims a job (waiting up to a
 * second), processes it (counts it; a real host would score, summarize or bill the request) and
 * acknowledges it. A job whose worker dies is delivered again after the queue's visibility
 * timeout. While Redis is down the thread backs off a second per failed claim.
 */
final class FollowUpWorker implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(FollowUpWorker.class);

  private final JobQueue<String> queue;
  private final Counter processedCounter;
  private final AtomicLong processed = new AtomicLong();
  private volatile boolean running;
  private Thread thread;
  private CountDownLatch stopped;

  FollowUpWorker(JobQueue<String> queue, MeterRegistry registry) {
    this.queue = queue;
    this.processedCounter = Counter.builder("served.followup.processed")
        .description("follow-up jobs processed by the in-app worker").register(registry);
  }

  /** Jobs processed and acknowledged so far. */
  long processed() {
    return processed.get();
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    stopped = new CountDownLatch(1);
    thread = new Thread(this::work, "served-follow-up-worker");
    thread.setDaemon(true);
    thread.start();
  }

  private void work() {
    try {
      while (running) {
        try {
          Optional<Job<String>> job = queue.claim(Duration.ofSeconds(1));
          if (job.isPresent() && queue.ack(job.get())) {
            processed.incrementAndGet();
            processedCounter.increment();
          }
        } catch (CitadelException e) {
          if (running) {
            LOG.warn("follow-up worker: claim failed, retrying in 1 s: {}", e.getMessage());
            sleepQuietly();
          }
        }
      }
    } finally {
      stopped.countDown();
    }
  }

  private void sleepQuietly() {
    try {
      TimeUnit.SECONDS.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void stop() {
    running = false;
    try {
      if (stopped != null && !stopped.await(5, TimeUnit.SECONDS)) {
        LOG.warn("follow-up worker: still in a claim after 5 s; leaving it (daemon thread)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
