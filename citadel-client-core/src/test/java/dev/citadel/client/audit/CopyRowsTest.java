package dev.citadel.client.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.audit.internal.CopyRows;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The COPY text rows the writer sends; every expected line is written out by hand from the format's rules. */
class CopyRowsTest {
  private static final UUID ID = UUID.fromString("0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b");
  private static final byte[] ZEROS = new byte[32];
  private static final byte[] ABS = filled((byte) 0xAB);

  @Test
  void aPlainRow() {
    CopyRows rows = new CopyRows();
    rows.add(AuditEvent.builder().id(ID).time(Instant.parse("2026-11-24T06:07:08.000009Z"))
        .service("model-server").action("chat.completion").outcome(AuditOutcome.FAILURE).build(),
        "main", 42, ZEROS, ABS);

    assertThat(rows.rows()).isEqualTo(1);
    assertThat(new String(rows.toBytes(), StandardCharsets.UTF_8)).isEqualTo(
        "2026-11-24 06:07:08.000009+00\t0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b\tmain\t42\tmodel-server\tservice"
            + "\tchat.completion\t\\N\t\\N\tfailure\t\\N\t\\N\t{}"
            + "\t\\\\x" + "00".repeat(32) + "\t\\\\x" + "ab".repeat(32) + "\t\\N\n");
  }

  @Test
  void escapesBackslashTabNewlineAndReturnAndEncodesUtf8() {
    CopyRows rows = new CopyRows();
    rows.add(AuditEvent.builder().id(ID).time(Instant.parse("0001-01-01T00:00:00Z"))
        .user("zoë\tq").action("a\\b").resource("line1\nline2\r").model("模型").requestId("😀")
        .clientAddress("10.0.0.1").outcome(AuditOutcome.SUCCESS).build(),
        "c", 1, ZEROS, ZEROS);

    String line = new String(rows.toBytes(), StandardCharsets.UTF_8);
    assertThat(line).startsWith("0001-01-01 00:00:00.000000+00\t");
    assertThat(line.split("\t", -1)).containsSubsequence(
        "zoë\\tq", "user", "a\\\\b", "line1\\nline2\\r", "模型", "success", "😀", "10.0.0.1");
    assertThat(Arrays.copyOfRange(rows.toBytes(), line.indexOf("zo"), line.indexOf("zo") + 3))
        .as("ë as two UTF-8 bytes").containsExactly('z', 'o', 0xC3);
  }

  @Test
  void resetKeepsNothingAndManyRowsGrowTheBuffer() {
    CopyRows rows = new CopyRows();
    AuditEvent event = AuditEvent.builder().id(ID).time(Instant.parse("2026-01-01T00:00:00Z"))
        .service("s").action("x".repeat(900)).outcome(AuditOutcome.SUCCESS).build();
    for (int i = 1; i <= 200; i++) {
      rows.add(event, "main", i, ZEROS, ZEROS);
    }
    String text = new String(rows.toBytes(), StandardCharsets.UTF_8);
    assertThat(text.lines()).hasSize(200).allSatisfy(l -> assertThat(l).contains("x".repeat(900)));
    assertThat(text.lines().map(l -> l.split("\t")[3])).containsExactlyElementsOf(
        java.util.stream.IntStream.rangeClosed(1, 200).mapToObj(String::valueOf).toList());

    rows.reset();
    assertThat(rows.rows()).isZero();
    assertThat(rows.toBytes()).isEmpty();
  }

  private static byte[] filled(byte b) {
    byte[] a = new byte[32];
    Arrays.fill(a, b);
    return a;
  }
}
