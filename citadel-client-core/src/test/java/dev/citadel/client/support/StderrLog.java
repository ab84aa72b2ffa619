package dev.citadel.client.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures what slf4j-simple logs (it writes to {@link System#err}) during each test, for
 * assertions on log lines; afterwards restores {@code System.err} and copies the capture there,
 * so it still reaches the test's report. Register with {@code @RegisterExtension}.
 */
public final class StderrLog implements BeforeEachCallback, AfterEachCallback {
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream original;

  @Override
  public void beforeEach(ExtensionContext context) {
    captured.reset();
    original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    System.setErr(original);
    original.print(text());
  }

  /** Everything logged so far in the current test. */
  public String text() {
    return captured.toString(StandardCharsets.UTF_8);
  }
}
