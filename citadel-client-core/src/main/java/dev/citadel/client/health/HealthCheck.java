package dev.citadel.client.health;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a {@link HealthReport}.
 *
 * @param name stable identifier, e.g. {@code postgres.pooled} or {@code schema.mixtral}
 * @param status UP or DOWN
 * @param detail one human-readable line: what was found, or why it failed
 * @param attributes structured facts (server version, pool counts, ...), in insertion order
 * @param elapsed how long the check took
 */
public record HealthCheck(
    String name, HealthStatus status, String detail, Map<String, Object> attributes, Duration elapsed) {

  /** Copies {@code attributes}, keeping their order. */
  public HealthCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    detail = detail == null ? "" : detail;
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    elapsed = elapsed == null ? Duration.ZERO : elapsed;
  }

  /** A passing check. */
  public static HealthCheck up(String name, String detail, Map<String, Object> attributes, Duration elapsed) {
    return new HealthCheck(name, HealthStatus.UP, detail, attributes, elapsed);
  }

  /** A failing check. */
  public static HealthCheck down(String name, String detail, Duration elapsed) {
    return new HealthCheck(name, HealthStatus.DOWN, detail, Map.of(), elapsed);
  }

  /** True when the check passed. */
  public boolean isUp() {
    return status == HealthStatus.UP;
  }
}
