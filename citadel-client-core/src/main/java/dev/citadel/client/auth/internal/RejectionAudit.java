package dev.citadel.client.auth.internal;

import dev.citadel.client.audit.AuditEvent;
import dev.citadel.client.audit.AuditLog;
import dev.citadel.client.audit.AuditOutcome;
import dev.citadel.client.auth.RejectionReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts rejected authentications and audits them as summaries, so unauthenticated traffic cannot
 * fill the audit log: per interval, one {@code api_key.authenticate} DENIED event per reason and
 * key prefix (resource {@code api_key:<prefix>}, or {@code api_key} for malformed keys) for the
 * first {@value #MAX_ITEMIZED} of them, and one per reason for the rest (resource
 * {@code api_key}, {@code "other_prefixes": true}); each names its {@code rejections} count and
 * the {@code since} / {@code until} times. Counting never touches the audit log. Summaries the
 * audit log refuses (full, closed) are kept and counted into the next interval's.
 */
final class RejectionAudit {
  /** Largest number of (reason, prefix) pairs itemized per interval. */
  static final int MAX_ITEMIZED = 32;
  private static final Logger LOG = LoggerFactory.getLogger(RejectionAudit.class);
  private static final String SERVICE = "citadel-api-keys";

  private record Source(RejectionReason reason, String prefix) {}

  /** The counts of one interval. */
  private static final class Window {
    final Instant since;
    final Map<Source, LongAdder> itemized = new ConcurrentHashMap<>();
    final Map<RejectionReason, LongAdder> others = new EnumMap<>(RejectionReason.class);

    Window(Instant since) {
      this.since = since;
      for (RejectionReason reason : RejectionReason.values()) {
        others.put(reason, new LongAdder());
      }
    }

    LongAdder counter(RejectionReason reason, String prefix) {
      if (prefix == null) {
        return others.get(reason);
      }
      Source source = new Source(reason, prefix);
      LongAdder counter = itemized.get(source);
      if (counter != null) {
        return counter;
      }
      // Racing threads may itemize a few more than the cap; the bound stays.
      return itemized.size() < MAX_ITEMIZED ? itemized.computeIfAbsent(source, s -> new LongAdder())
          : others.get(reason);
    }
  }

  private final AuditLog audit;
  private final Clock clock;
  // Read-locked by counting threads, write-locked only to swap windows: no count falls between.
  private final ReadWriteLock swap = new ReentrantReadWriteLock();
  private Window current; // guarded by swap

  /** @param audit where summaries go, or null to count nothing */
  RejectionAudit(AuditLog audit, Clock clock) {
    this.audit = audit;
    this.clock = clock;
    this.current = new Window(clock.instant());
  }

  /** Counts one rejection; never blocks on, nor throws from, the audit log. */
  void count(RejectionReason reason, String prefix) {
    add(reason, prefix, 1);
  }

  private void add(RejectionReason reason, String prefix, long n) {
    if (audit == null) {
      return;
    }
    swap.readLock().lock();
    try {
      current.counter(reason, prefix).add(n);
    } finally {
      swap.readLock().unlock();
    }
  }

  /**
   * Hands the summaries of the interval that ends now to the audit log, which may wait per
   * {@code audit.overflow_policy}. What it refuses is counted into the next interval and logged.
   *
   * @return how many summary events the audit log accepted
   */
  synchronized int summarize() {
    if (audit == null) {
      return 0;
    }
    Window ended;
    Instant until = clock.instant();
    swap.writeLock().lock();
    try {
      ended = current;
      current = new Window(until);
    } finally {
      swap.writeLock().unlock();
    }
    List<Map.Entry<Source, Long>> summaries = summaries(ended);
    for (int i = 0; i < summaries.size(); i++) {
      Map.Entry<Source, Long> summary = summaries.get(i);
      try {
        audit.record(event(summary.getKey(), summary.getValue(), ended.since, until));
      } catch (RuntimeException e) {
        carryOver(ended.since, summaries.subList(i, summaries.size()), e);
        return i;
      }
    }
    return summaries.size();
  }

  private static List<Map.Entry<Source, Long>> summaries(Window window) {
    Map<Source, Long> out = new LinkedHashMap<>();
    window.itemized.forEach((source, counter) -> out.put(source, counter.sum()));
    window.others.forEach((reason, counter) -> out.put(new Source(reason, null), counter.sum()));
    List<Map.Entry<Source, Long>> list = new ArrayList<>();
    out.forEach((source, n) -> {
      if (n > 0) {
        list.add(Map.entry(source, n));
      }
    });
    return list;
  }

  private void carryOver(Instant since, List<Map.Entry<Source, Long>> refused, RuntimeException cause) {
    long rejections = 0;
    swap.writeLock().lock();
    try {
      Window next = new Window(since);
      for (Map.Entry<Source, LongAdder> e : current.itemized.entrySet()) {
        next.counter(e.getKey().reason(), e.getKey().prefix()).add(e.getValue().sum());
      }
      current.others.forEach((reason, counter) -> next.others.get(reason).add(counter.sum()));
      for (Map.Entry<Source, Long> e : refused) {
        next.counter(e.getKey().reason(), e.getKey().prefix()).add(e.getValue());
        rejections += e.getValue();
      }
      current = next;
    } finally {
      swap.writeLock().unlock();
    }
    LOG.warn("the audit log refused API key rejection summaries ({}); {} rejections are kept for the next summary",
        cause.toString(), rejections);
  }

  private static AuditEvent event(Source source, long rejections, Instant since, Instant until) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reason", source.reason().name());
    details.put("rejections", rejections);
    details.put("since", since.toString());
    details.put("until", until.toString());
    boolean rollUp = source.prefix() == null && source.reason() != RejectionReason.MALFORMED;
    if (rollUp) {
      details.put("other_prefixes", true);
    }
    return AuditEvent.builder().service(SERVICE).action("api_key.authenticate").outcome(AuditOutcome.DENIED)
        .resource(source.prefix() == null ? "api_key" : "api_key:" + source.prefix()).details(details).build();
  }

  /** Rejections counted but not yet accepted by the audit log. */
  long unsummarized() {
    swap.readLock().lock();
    try {
      long n = current.itemized.values().stream().mapToLong(LongAdder::sum).sum();
      return n + current.others.values().stream().mapToLong(LongAdder::sum).sum();
    } finally {
      swap.readLock().unlock();
    }
  }
}
