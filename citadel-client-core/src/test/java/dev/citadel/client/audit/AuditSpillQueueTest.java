package dev.citadel.client.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.audit.internal.SpillQueue;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spill file on a real file system. */
class AuditSpillQueueTest {
  @TempDir Path dir;

  private static List<byte[]> records(int from, int to) {
    List<byte[]> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(("record-" + i).getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  private static List<String> texts(List<SpillQueue.Entry> entries) {
    return entries.stream().map(e -> new String(e.payload(), StandardCharsets.UTF_8)).toList();
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("segment-")).toList();
    }
  }

  @Test
  void recordsComeOutInOrderAndAcknowledgedOnesAreNotReplayedAfterReopening() throws IOException {
    try (SpillQueue q = SpillQueue.open(dir, 1 << 20)) {
      q.append(records(0, 5));
      q.append(records(5, 8));
      List<SpillQueue.Entry> first = q.read(3);
      assertThat(texts(first)).containsExactly("record-0", "record-1", "record-2");
      q.acknowledge(first.get(2).end());
      assertThat(texts(q.read(2))).containsExactly("record-3", "record-4");
      q.rewind();
      assertThat(texts(q.read(100))).containsExactly("record-3", "record-4", "record-5", "record-6", "record-7");
    }
    try (SpillQueue q = SpillQueue.open(dir, 1 << 20)) {
      assertThat(q.recoveredRecords()).isEqualTo(5);
      List<SpillQueue.Entry> rest = q.read(100);
      assertThat(texts(rest)).containsExactly("record-3", "record-4", "record-5", "record-6", "record-7");
      q.acknowledge(rest.get(rest.size() - 1).end());
      assertThat(segments()).as("a drained queue leaves no segment").isEmpty();
      q.append(records(8, 9));
      assertThat(texts(q.read(10))).containsExactly("record-8");
    }
  }

  @Test
  void aTornRecordAtTheEndIsCutOffOnReopening() throws IOException {
    try (SpillQueue q = SpillQueue.open(dir, 1 << 20)) {
      q.append(records(0, 3));
    }
    Path segment = segments().get(0);
    long intact = Files.size(segment);
    // A crash in the middle of an append: a header promising more bytes than were written.
    try (FileChannel f = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      f.write(java.nio.ByteBuffer.wrap(new byte[] {0, 0, 0, 100, 1, 2, 3, 4, 'x', 'y'}));
    }
    try (SpillQueue q = SpillQueue.open(dir, 1 << 20)) {
      assertThat(q.recoveredRecords()).isEqualTo(3);
      assertThat(Files.size(segment)).isEqualTo(intact);
      assertThat(texts(q.read(10))).containsExactly("record-0", "record-1", "record-2");
      q.append(records(3, 4));
      assertThat(texts(q.read(10))).containsExactly("record-3");
    }
  }

  @Test
  void aCorruptedRecordIsNotDelivered() throws IOException {
    try (SpillQueue q = SpillQueue.open(dir, 1 << 20)) {
      q.append(records(0, 3));
    }
    Path segment = segments().get(0);
    byte[] bytes = Files.readAllBytes(segment);
    bytes[bytes.length - 1] ^= 0x01; // last payload byte of record-2
    Files.write(segment, bytes);
    try (SpillQueue q = SpillQueue.open(dir, 1 << 20)) {
      assertThat(q.recoveredRecords()).isEqualTo(2);
      assertThat(texts(q.read(10))).containsExactly("record-0", "record-1");
    }
  }

  @Test
  void theSizeLimitIsReportedAndOneWriterHoldsTheDirectory() throws IOException {
    try (SpillQueue q = SpillQueue.open(dir, 100)) {
      assertThat(q.hasRoom(50, 2)).isTrue();
      q.append(records(0, 5));
      assertThat(q.bytes()).isEqualTo(5 * (8 + "record-0".length()));
      assertThat(q.hasRoom(20, 1)).isFalse();
      assertThatThrownBy(() -> SpillQueue.open(dir, 100))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use by another audit writer");
    }
  }
}
