package dev.citadel.client.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of every backend a client uses, as a list of named checks. Failures are entries, not
 * exceptions: building a report never throws for a backend being down. Immutable.
 */
public final class HealthReport {
  private final List<HealthCheck> checks;

  private HealthReport(List<HealthCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  /** A report of {@code checks}, in order. */
  public static HealthReport of(List<HealthCheck> checks) {
    return new HealthReport(checks);
  }

  /** Every check, in the order they ran. */
  public List<HealthCheck> checks() {
    return checks;
  }

  /** True when every check is UP. */
  public boolean healthy() {
    return checks.stream().allMatch(HealthCheck::isUp);
  }

  /** The check named {@code name}, if present. */
  public Optional<HealthCheck> check(String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The failing checks. */
  public List<HealthCheck> failures() {
    return checks.stream().filter(c -> !c.isUp()).toList();
  }

  /** This report followed by {@code other}'s checks. */
  public HealthReport merge(HealthReport other) {
    List<HealthCheck> all = new ArrayList<>(checks);
    all.addAll(other.checks);
    return new HealthReport(all);
  }

  /** Plain maps and lists (name, status, detail, attributes, elapsed_ms), e.g. for JSON. */
  public Map<String, Object> toMap() {
    List<Map<String, Object>> entries = new ArrayList<>();
    for (HealthCheck c : checks) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", c.name());
      e.put("status", c.status().name());
      e.put("detail", c.detail());
      e.put("attributes", c.attributes());
      e.put("elapsed_ms", c.elapsed().toMillis());
      entries.add(e);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("healthy", healthy());
    out.put("checks", entries);
    return out;
  }

  /** An aligned table, one line per check, then the verdict. */
  @Override
  public String toString() {
    int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(4);
    StringBuilder out = new StringBuilder();
    for (HealthCheck c : checks) {
      out.append(String.format("%-" + width + "s  %-4s  %s%n", c.name(), c.status(), c.detail()));
    }
    out.append(healthy() ? "HEALTHY" : "UNHEALTHY: " + failures().size() + " check(s) failed");
    return out.toString();
  }
}
