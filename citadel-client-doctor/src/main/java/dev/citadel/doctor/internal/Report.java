package dev.citadel.doctor.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.citadel.client.health.HealthCheck;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lines of one doctor run and their two renderings: an aligned table for people and one
 * JSON object for machines. Every string printed goes through the {@link Redactor}. Immutable.
 *
 * @param lines the checks, in report order
 * @param elapsed how long the checks took, config loading included
 */
public record Report(List<HealthCheck> lines, Duration elapsed) {
  /** Verdict of a passing line. */
  public static final String PASS = "PASS";
  /** Verdict of a failing line. */
  public static final String FAIL = "FAIL";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Copies the lines. */
  public Report {
    lines = List.copyOf(lines);
  }

  /** True when every line passed. */
  public boolean healthy() {
    return lines.stream().allMatch(HealthCheck::isUp);
  }

  /** The failing lines' names, in order. */
  public List<String> failed() {
    return lines.stream().filter(l -> !l.isUp()).map(HealthCheck::name).toList();
  }

  /**
   * The aligned table: a header naming the config source and the timeout, one row per line
   * (CHECK, VERDICT, TIME, DETAIL), then the verdict line.
   */
  public String table(String source, Duration timeout, Redactor redactor) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"CHECK", "VERDICT", "TIME", "DETAIL"});
    for (HealthCheck l : lines) {
      rows.add(new String[] {redactor.apply(oneLine(l.name())), verdict(l), millis(l.elapsed()),
          redactor.apply(oneLine(l.detail()))});
    }
    int nameWidth = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
    int verdictWidth = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
    int timeWidth = rows.stream().mapToInt(r -> r[2].length()).max().orElse(0);
    StringBuilder out = new StringBuilder();
    out.append("citadel-doctor: config from ").append(redactor.apply(source)).append(", timeout ")
        .append(seconds(timeout)).append('\n');
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      String time = i == 0 ? pad(r[2], timeWidth) : " ".repeat(timeWidth - r[2].length()) + r[2];
      out.append(pad(r[0], nameWidth)).append("  ").append(pad(r[1], verdictWidth)).append("  ").append(time)
          .append("  ").append(r[3]).append('\n');
    }
    out.append(verdictLine()).append('\n');
    return stripTrailingSpaces(out.toString());
  }

  /**
   * One JSON object: {@code healthy}, {@code verdict}, {@code config}, {@code timeout_ms},
   * {@code elapsed_ms}, {@code failed} (names) and {@code checks} (name, status PASS or FAIL,
   * detail, elapsed_ms, attributes).
   */
  public String json(String source, Duration timeout, Redactor redactor) {
    List<Map<String, Object>> checks = new ArrayList<>();
    for (HealthCheck l : lines) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", redactor.apply(l.name()));
      c.put("status", verdict(l));
      c.put("detail", redactor.apply(l.detail()));
      c.put("elapsed_ms", l.elapsed().toMillis());
      c.put("attributes", redact(l.attributes(), redactor));
      checks.add(c);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("healthy", healthy());
    out.put("verdict", healthy() ? "HEALTHY" : "UNHEALTHY");
    out.put("config", redactor.apply(source));
    out.put("timeout_ms", timeout.toMillis());
    out.put("elapsed_ms", elapsed.toMillis());
    out.put("failed", failed().stream().map(redactor::apply).toList());
    out.put("checks", checks);
    try {
      return JSON.writeValueAsString(out) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write the report as JSON", e);
    }
  }

  /** {@code VERDICT: HEALTHY ...} or {@code VERDICT: UNHEALTHY ...} naming the failed lines. */
  String verdictLine() {
    List<String> failed = failed();
    return failed.isEmpty()
        ? "VERDICT: HEALTHY, all " + lines.size() + " checks passed (" + seconds(elapsed) + ")"
        : "VERDICT: UNHEALTHY, " + failed.size() + " of " + lines.size() + " checks failed (" + seconds(elapsed)
            + "): " + String.join(", ", failed);
  }

  /** {@code 20 s}, {@code 1.5 s} or {@code 250 ms}. */
  static String seconds(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  private static String verdict(HealthCheck l) {
    return l.isUp() ? PASS : FAIL;
  }

  private static String millis(Duration d) {
    return d.toMillis() + " ms";
  }

  /** Line breaks and runs of white space become one space: a detail is one row. */
  static String oneLine(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  private static String stripTrailingSpaces(String text) {
    return text.replaceAll("(?m)[ \\t]+$", "");
  }

  private static Object redact(Object value, Redactor redactor) {
    if (value instanceof String s) {
      return redactor.apply(s);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(redactor.apply(String.valueOf(k)), redact(v, redactor)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(redact(v, redactor)));
      return out;
    }
    if (value == null || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    return redactor.apply(String.valueOf(value));
  }
}
