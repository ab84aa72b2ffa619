package dev.citadel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's first command, as a test: the example on the servers the test kit resolves. */
class ModelServingExampleIT {

  @Test
  void everyStepChecksOutOnEmbeddedDefaults() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean ok;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      ok = ModelServingExample.run(null, System.getenv(), out);
    }
    String output = bytes.toString(StandardCharsets.UTF_8);

    assertThat(ok).as(output).isTrue();
    assertThat(output)
        .contains("config: none given, so the test kit started these servers")
        .containsPattern("(?m)^database: citadel_example_[0-9a-z]+ \\(created for this run")
        .contains("failed: on purpose")
        .contains("example: every step checked out")
        .doesNotContain("FAIL")
        .as("the health report, one line per check and its verdict").containsPattern("(?m)^postgres\\.pooled +UP ")
        .containsPattern("(?m)^HEALTHY$");
    assertThat(output.lines().filter(l -> l.startsWith("  OK ")))
        .as("one verdict per step: sync, requests, cache, rate limit, sessions, memory, retrieval, jobs,"
            + " audit chain, health")
        .hasSize(10);
  }
}
