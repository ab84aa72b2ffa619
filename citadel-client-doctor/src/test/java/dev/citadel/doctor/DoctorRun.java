package dev.citadel.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One in-process run of {@link Doctor#run(String[], Map, PrintStream, PrintStream)}: its exit
 * code and what it printed, with helpers to read the table and the JSON.
 *
 * @param code the exit code
 * @param out what went to stdout
 * @param err what went to stderr
 */
record DoctorRun(int code, String out, String err) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One row of the table. */
  record Row(String name, String verdict, String time, String detail) {}

  /** Runs the doctor with {@code environment} as its whole environment. */
  static DoctorRun run(Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Doctor.run(args, environment, o, e);
    }
    DoctorRun run = new DoctorRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    // Kept in the failsafe/surefire output files: the README's example output comes from there.
    System.out.println("$ citadel-doctor " + String.join(" ", args) + "   (exit " + code + ")");
    System.out.print(run.out);
    System.out.print(run.err);
    return run;
  }

  /** The table's rows by check name, checking that every row's columns start where the header's do. */
  Map<String, Row> rows() {
    List<String> lines = out.lines().toList();
    int header = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("CHECK ")) {
        header = i;
        break;
      }
    }
    assertThat(header).as("table header in:%n%s", out).isGreaterThanOrEqualTo(0);
    String head = lines.get(header);
    int verdictCol = head.indexOf("VERDICT");
    int timeCol = head.indexOf("TIME");
    int detailCol = head.indexOf("DETAIL");
    Map<String, Row> rows = new LinkedHashMap<>();
    List<String> body = new ArrayList<>(lines.subList(header + 1, lines.size()));
    assertThat(body.get(body.size() - 1)).startsWith("VERDICT: ");
    for (String line : body.subList(0, body.size() - 1)) {
      assertThat(line.length()).as("row '%s' reaches the DETAIL column", line).isGreaterThanOrEqualTo(detailCol);
      String name = line.substring(0, verdictCol).strip();
      String verdict = line.substring(verdictCol, timeCol).strip();
      String time = line.substring(timeCol, detailCol).strip();
      assertThat(line.charAt(verdictCol - 1)).as("aligned: %s", line).isEqualTo(' ');
      assertThat(verdict).as("verdict column of '%s'", line).isIn("PASS", "FAIL");
      assertThat(time).as("time column of '%s'", line).matches("\\d+ ms");
      rows.put(name, new Row(name, verdict, time, line.substring(detailCol)));
    }
    return rows;
  }

  /** The last line of the table. */
  String verdictLine() {
    List<String> lines = out.lines().toList();
    return lines.get(lines.size() - 1);
  }

  /** The output parsed as JSON. */
  JsonNode json() {
    try {
      return JSON.readTree(out);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON:\n" + out, e);
    }
  }

  /** The JSON checks by name. */
  Map<String, JsonNode> jsonChecks() {
    Map<String, JsonNode> checks = new LinkedHashMap<>();
    json().get("checks").forEach(c -> checks.put(c.get("name").asText(), c));
    return checks;
  }
}
