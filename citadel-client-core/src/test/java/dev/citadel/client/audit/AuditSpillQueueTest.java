package dev.citadel.client.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.audit.internal.SpillQueue;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
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

  /** The segment of a closed queue holding records 0 to {@code n - 1}. */
  private Path oneSegmentOf(int n) throws IOException {
    try (SpillQueue q = SpillQueue.open(dir, 1 << 20)) {
      q.append(records(0, n));
    }
    return segments().get(0);
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
    Path segment = oneSegmentOf(3);
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

  @Test
  void openingTheDirectoryTwiceInOneJvmKeepsTheFirstHoldersLock() throws Exception {
    try (SpillQueue first = SpillQueue.open(dir, 1 << 20)) {
      assertThatThrownBy(() -> SpillQueue.open(dir, 1 << 20))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use by another audit writer");
      assertThatThrownBy(() -> SpillQueue.open(dir.resolve(".").resolve("."), 1 << 20))
          .as("the same directory by another path").isInstanceOf(IllegalStateException.class);
      assertThat(probeLock(dir.resolve("writer.lock"))).as("another process sees the lock").isEqualTo("HELD");
      first.append(records(0, 1));
    }
    assertThat(probeLock(dir.resolve("writer.lock"))).isEqualTo("FREE");
    try (SpillQueue again = SpillQueue.open(dir, 1 << 20)) {
      assertThat(again.recoveredRecords()).isEqualTo(1);
    }
  }

  private static String probeLock(Path file) throws IOException, InterruptedException {
    Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SpillLockProbe.class.getName(), file.toString())
        .redirectErrorStream(true).start();
    String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(probe.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void aCorruptRecordMidSegmentIsSkippedAndTheRecordsAfterItAreKept() throws IOException {
    Path segment = oneSegmentOf(5);
    byte[] bytes = Files.readAllBytes(segment);
    int recordBytes = 8 + "record-0".length();
    bytes[recordBytes + 8 + 2] ^= 0x01; // a payload byte of record-1: its checksum fails
    bytes[3 * recordBytes + 1] = 0x7f; // the length of record-3: far beyond the segment
    Files.write(segment, bytes);
    try (SpillQueue q = SpillQueue.open(dir, 1 << 20)) {
      assertThat(q.recoveredRecords()).isEqualTo(3);
      assertThat(Files.size(segment)).as("nothing cut off").isEqualTo(bytes.length);
      assertThat(texts(q.read(10))).containsExactly("record-0", "record-2", "record-4");
      assertThat(q.corruptRecordsSkipped()).isEqualTo(2);
      q.append(records(5, 6));
      assertThat(texts(q.read(10))).containsExactly("record-5");
    }
  }

  @Test
  void theDirectoryAndItsFilesArePrivateAndSymbolicLinksAreRefused() throws IOException {
    Path chain = dir.resolve("base").resolve("chain");
    try (SpillQueue q = SpillQueue.open(chain, 1 << 20)) {
      q.bind("binding text");
      q.append(records(0, 1));
      q.acknowledge(q.read(1).get(0).end());
      q.append(records(1, 3));
      q.acknowledge(q.read(1).get(0).end()); // writes a checkpoint
      assertThat(permissions(chain.getParent())).isEqualTo("rwx------");
      assertThat(permissions(chain)).isEqualTo("rwx------");
      try (Stream<Path> files = Files.list(chain)) {
        assertThat(files.filter(Files::isRegularFile).toList()).isNotEmpty().allSatisfy(f ->
            assertThat(permissions(f)).as("%s", f).isEqualTo("rw-------"));
      }
    }
    Files.setPosixFilePermissions(chain, PosixFilePermissions.fromString("rwxrwxrwx"));
    try (SpillQueue q = SpillQueue.open(chain, 1 << 20)) {
      assertThat(permissions(chain)).as("narrowed").isEqualTo("rwx------");
      assertThat(q.binding()).contains("binding text");
    }
    Path link = dir.resolve("link");
    Files.createSymbolicLink(link, chain);
    assertThatThrownBy(() -> SpillQueue.open(link, 1 << 20)).isInstanceOf(IOException.class)
        .hasMessageContaining("symbolic link");
  }

  private static String permissions(Path p) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
