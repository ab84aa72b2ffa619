package dev.citadel.spring.boot.health;

import dev.citadel.client.Citadel;
import dev.citadel.client.audit.AuditLog;
import dev.citadel.client.audit.AuditStats;
import dev.citadel.client.health.HealthCheck;
import dev.citadel.client.health.HealthReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * {@code citadel.health()} grouped per backend, for a framework's health endpoint (the starters
 * turn each group into one Actuator health contributor under {@code citadel}): {@code postgres-pooled}
 * ({@code postgres.pooled}, {@code pool.pooled}, {@code postgres.pooler}), {@code postgres-direct},
 * {@code schemas} (one entry per model schema), {@code migrations}, {@code redis}, {@code qdrant}
 * (when their modules are configured), any other check under its first name segment, and
 * {@code audit} (the writer's spill backlog, from {@link AuditLog#stats()}). A group is UP when
 * all its checks are; {@code audit} is DOWN while the writer's last write failed (events are then
 * spilled). One report serves every group asked for within {@code maxAge}, so one request to the
 * health endpoint runs the SDK's checks once. Thread-safe.
 */
public final class CitadelHealthGroups {

  /** One group's verdict and details (check name to status, detail and attributes). */
  public record Group(String name, boolean up, Map<String, Object> details) {}

  /** The audit writer's group. */
  public static final String AUDIT = "audit";

  private final Citadel citadel;
  private final AuditLog audit;
  private final long maxAgeNanos;
  private final LongSupplier clock;
  private HealthReport report;
  private long takenAt;

  /**
   * @param citadel the client whose {@code health()} is grouped
   * @param audit its audit log, or null for no {@code audit} group
   * @param maxAge how long one report serves
   */
  public CitadelHealthGroups(Citadel citadel, AuditLog audit, Duration maxAge) {
    this(citadel, audit, maxAge, System::nanoTime);
  }

  CitadelHealthGroups(Citadel citadel, AuditLog audit, Duration maxAge, LongSupplier clock) {
    this.citadel = Objects.requireNonNull(citadel, "citadel");
    this.audit = audit;
    this.maxAgeNanos = maxAge.toNanos();
    this.clock = clock;
  }

  /** The group a check belongs to, e.g. {@code pool.direct} to {@code postgres-direct}. */
  public static String groupOf(String checkName) {
    int dot = checkName.indexOf('.');
    String first = dot < 0 ? checkName : checkName.substring(0, dot);
    String second = dot < 0 ? "" : checkName.substring(dot + 1);
    if (first.equals("schema")) {
      return "schemas";
    }
    if (first.equals("postgres") || first.equals("pool")) {
      return "postgres-" + (second.equals("pooler") ? "pooled" : second);
    }
    return first;
  }

  /** The groups of the current report, in report order, then {@code audit}. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    for (HealthCheck check : report().checks()) {
      String group = groupOf(check.name());
      if (!names.contains(group)) {
        names.add(group);
      }
    }
    if (audit != null) {
      names.add(AUDIT);
    }
    return names;
  }

  /** The group {@code name}, or null when the report has no such group. */
  public Group group(String name) {
    if (AUDIT.equals(name) && audit != null) {
      return auditGroup(audit.stats());
    }
    Map<String, Object> details = new LinkedHashMap<>();
    boolean up = true;
    for (HealthCheck check : report().checks()) {
      if (groupOf(check.name()).equals(name)) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("status", check.status().name());
        entry.put("detail", check.detail());
        if (!check.attributes().isEmpty()) {
          entry.put("attributes", check.attributes());
        }
        entry.put("elapsedMs", check.elapsed().toMillis());
        details.put(check.name(), entry);
        up &= check.isUp();
      }
    }
    return details.isEmpty() ? null : new Group(name, up, details);
  }

  static Group auditGroup(AuditStats stats) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("backendAvailable", stats.backendAvailable());
    details.put("pendingInMemory", stats.pendingInMemory());
    details.put("pendingInSpill", stats.pendingInSpill());
    details.put("accepted", stats.accepted());
    details.put("written", stats.written());
    details.put("spilled", stats.spilled());
    details.put("rejected", stats.rejected());
    details.put("spillRecordsSetAside", stats.spillRecordsSetAside());
    return new Group(AUDIT, stats.backendAvailable(), details);
  }

  private synchronized HealthReport report() {
    long now = clock.getAsLong();
    if (report == null || now - takenAt > maxAgeNanos) {
      report = citadel.health();
      // aged from when it was finished: a report that took longer than maxAge (a backend down,
      // each check waiting out its timeout) still serves every group of this one request
      takenAt = clock.getAsLong();
    }
    return report;
  }
}
