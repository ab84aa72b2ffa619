package dev.citadel.client.audit.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only, fsync'd FIFO of byte records on local disk: segment files
 * {@code segment-N.log} of records {@code [int32 length][int32 CRC-32C][payload]}, plus a
 * {@code checkpoint} file naming the position up to which records are acknowledged (written to
 * PostgreSQL). Acknowledged segments are deleted; an empty queue leaves no segment behind.
 *
 * <p>Reopening after a crash resumes at the checkpoint. The checkpoint is written after the
 * records it covers were committed, and is not fsync'd: after a crash, records may be delivered
 * again, never skipped, so consumers must be idempotent. A torn record at the end (a crash in
 * the middle of an append, before it was reported durable) is cut off.
 *
 * <p>One process at a time: the directory is locked while open. Thread-safe; {@link #append}
 * holds the monitor while it writes and forces.
 */
public final class SpillQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SpillQueue.class);
  private static final long SEGMENT_BYTES = 64L * 1024 * 1024;
  private static final int HEADER = 8;
  private static final int MAX_RECORD = 64 * 1024 * 1024;

  /** A position between records. */
  public record Position(long segment, long offset) {}

  /** One record and the position right after it. */
  public record Entry(byte[] payload, Position end) {}

  /**
   * How the queue opens its files ({@link FileChannel#open(Path, Set, FileAttribute[])} unless a
   * test injects disk faults).
   */
  @FunctionalInterface
  public interface FileOpener {
    /** Opens {@code file} like {@link FileChannel#open(Path, Set, FileAttribute[])}. */
    FileChannel open(Path file, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
        throws IOException;
  }

  /** Opens files on the real file system. */
  public static final FileOpener REAL_FILES = FileChannel::open;

  private final Path dir;
  private final long maxBytes;
  private final FileOpener files;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final TreeMap<Long, Long> segments = new TreeMap<>();
  private final long recovered;
  private FileChannel writer;
  private long writeSegment;
  private long writeOffset;
  private FileChannel reader;
  private long readerSegment = -1;
  private Position readPos;
  private Position ackPos;
  private boolean closed;

  private SpillQueue(Path dir, long maxBytes, FileOpener files, FileChannel lockChannel, FileLock lock)
      throws IOException {
    this.dir = dir;
    this.files = files;
    this.maxBytes = maxBytes;
    this.lockChannel = lockChannel;
    this.lock = lock;
    try (Stream<Path> listing = Files.list(dir)) {
      for (Path f : (Iterable<Path>) listing::iterator) {
        Long n = segmentNumber(f);
        if (n != null) {
          segments.put(n, Files.size(f));
        }
      }
    }
    ackPos = readCheckpoint();
    segments.headMap(ackPos.segment()).keySet().forEach(this::deleteSegment);
    segments.headMap(ackPos.segment()).clear();
    recovered = scan();
    if (segments.isEmpty()) {
      writeSegment = ackPos.segment() + 1;
      writeOffset = 0;
      ackPos = new Position(writeSegment, 0);
    } else {
      writeSegment = segments.lastKey();
      writeOffset = segments.get(writeSegment);
    }
    readPos = ackPos;
  }

  /**
   * Opens (creating it if needed) and locks the queue in {@code dir}.
   *
   * @param maxBytes most bytes the segment files may take
   * @throws IOException when the directory cannot be used
   * @throws IllegalStateException when another writer holds the directory
   */
  public static SpillQueue open(Path dir, long maxBytes) throws IOException {
    return open(dir, maxBytes, REAL_FILES);
  }

  /** {@link #open(Path, long)} opening its files through {@code files}. */
  public static SpillQueue open(Path dir, long maxBytes, FileOpener files) throws IOException {
    Files.createDirectories(dir);
    FileChannel channel = FileChannel.open(dir.resolve("writer.lock"),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this JVM
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new IllegalStateException("audit spill directory " + dir
          + " is in use by another audit writer (give each writer its own audit.chain_id)");
    }
    try {
      return new SpillQueue(dir, maxBytes, files, channel, lock);
    } catch (IOException | RuntimeException e) {
      lock.release();
      channel.close();
      throw e;
    }
  }

  /** The directory. */
  public Path directory() {
    return dir;
  }

  /** Unacknowledged records found when the queue was opened. */
  public long recoveredRecords() {
    return recovered;
  }

  /** Bytes the segment files take now. */
  public synchronized long bytes() {
    return segments.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Whether {@code payloadBytes} more bytes in {@code records} records fit under the limit. */
  public synchronized boolean hasRoom(long payloadBytes, int records) {
    return bytes() + payloadBytes + (long) HEADER * records <= maxBytes;
  }

  /**
   * Appends {@code payloads} in order and forces them to disk; they are readable once this
   * returns. On failure nothing of this call is readable.
   */
  public synchronized void append(List<byte[]> payloads) throws IOException {
    ensureOpen();
    int size = 0;
    for (byte[] p : payloads) {
      if (p.length > MAX_RECORD) {
        throw new IOException("spill record too large: " + p.length + " bytes");
      }
      size += HEADER + p.length;
    }
    if (writer != null && writeOffset > 0 && writeOffset + size > SEGMENT_BYTES) {
      writer.force(false);
      writer.close();
      writer = null;
      writeSegment++;
      writeOffset = 0;
    }
    if (writer == null) {
      writer = files.open(segmentPath(writeSegment), Set.of(StandardOpenOption.CREATE,
          StandardOpenOption.WRITE));
      writer.position(writeOffset);
      segments.putIfAbsent(writeSegment, writeOffset);
      forceDirectory();
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    CRC32C crc = new CRC32C();
    for (byte[] p : payloads) {
      crc.reset();
      crc.update(p);
      buf.putInt(p.length).putInt((int) crc.getValue()).put(p);
    }
    buf.flip();
    try {
      while (buf.hasRemaining()) {
        writer.write(buf, writeOffset + buf.position());
      }
      writer.force(false);
    } catch (IOException e) {
      try {
        writer.truncate(writeOffset);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    writeOffset += size;
    segments.put(writeSegment, writeOffset);
  }

  /** Up to {@code max} records after the read position, which moves past them. */
  public synchronized List<Entry> read(int max) throws IOException {
    ensureOpen();
    List<Entry> out = new ArrayList<>(Math.min(max, 1024));
    while (out.size() < max) {
      Long size = segments.get(readPos.segment());
      if (size == null || readPos.offset() >= size) {
        Long next = segments.higherKey(readPos.segment());
        if (next == null) {
          break;
        }
        readPos = new Position(next, 0);
        continue;
      }
      FileChannel in = readerFor(readPos.segment());
      ByteBuffer header = ByteBuffer.allocate(HEADER);
      readFully(in, header, readPos.offset());
      int length = header.getInt(0);
      int checksum = header.getInt(4);
      if (length < 0 || length > MAX_RECORD || readPos.offset() + HEADER + length > size) {
        throw new IOException("spill record at " + readPos + " is corrupt");
      }
      ByteBuffer payload = ByteBuffer.allocate(length);
      readFully(in, payload, readPos.offset() + HEADER);
      CRC32C crc = new CRC32C();
      crc.update(payload.array());
      if ((int) crc.getValue() != checksum) {
        throw new IOException("spill record at " + readPos + " fails its checksum");
      }
      readPos = new Position(readPos.segment(), readPos.offset() + HEADER + length);
      out.add(new Entry(payload.array(), readPos));
    }
    return out;
  }

  /** Moves the read position back to the acknowledged position. */
  public synchronized void rewind() {
    readPos = ackPos;
  }

  /**
   * Records that everything up to {@code through} is written elsewhere: saves the checkpoint
   * and deletes segments that hold nothing newer. When nothing unacknowledged is left, every
   * segment and the checkpoint are deleted.
   */
  public synchronized void acknowledge(Position through) throws IOException {
    ensureOpen();
    ackPos = through;
    if (ackPos.segment() == writeSegment && ackPos.offset() == writeOffset) {
      if (writer != null) {
        writer.close();
        writer = null;
      }
      closeReader();
      for (Long n : List.copyOf(segments.keySet())) {
        deleteSegment(n);
      }
      segments.clear();
      Files.deleteIfExists(dir.resolve("checkpoint"));
      writeSegment++;
      writeOffset = 0;
      ackPos = new Position(writeSegment, 0);
      readPos = ackPos;
      return;
    }
    for (Long n : List.copyOf(segments.headMap(ackPos.segment()).keySet())) {
      if (n == readerSegment) {
        closeReader();
      }
      deleteSegment(n);
      segments.remove(n);
    }
    Path tmp = dir.resolve("checkpoint.tmp");
    try (FileChannel out = files.open(tmp, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING))) {
      ByteBuffer text = ByteBuffer.wrap((ackPos.segment() + " " + ackPos.offset() + "\n")
          .getBytes(StandardCharsets.US_ASCII));
      while (text.hasRemaining()) {
        out.write(text);
      }
    }
    Files.move(tmp, dir.resolve("checkpoint"), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Closes the files and releases the directory lock (idempotent). */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (writer != null) {
        writer.close();
      }
      closeReader();
    } finally {
      try {
        lock.release();
      } finally {
        lockChannel.close();
      }
    }
  }

  private long scan() throws IOException {
    long count = 0;
    for (Long n : List.copyOf(segments.keySet())) {
      long offset = n == ackPos.segment() ? ackPos.offset() : 0;
      long size = segments.get(n);
      try (FileChannel in = FileChannel.open(segmentPath(n), StandardOpenOption.READ)) {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (offset < size) {
          header.clear();
          if (offset + HEADER > size || in.read(header, offset) < HEADER) {
            break;
          }
          int length = header.getInt(0);
          if (length < 0 || length > MAX_RECORD || offset + HEADER + length > size) {
            break;
          }
          ByteBuffer payload = ByteBuffer.allocate(length);
          readFully(in, payload, offset + HEADER);
          CRC32C crc = new CRC32C();
          crc.update(payload.array());
          if ((int) crc.getValue() != header.getInt(4)) {
            break;
          }
          offset += HEADER + length;
          count++;
        }
      }
      if (offset < size) {
        LOG.warn("audit spill {}: cutting {} bytes of a torn or corrupt record off segment {}",
            dir, size - offset, n);
        try (FileChannel out = FileChannel.open(segmentPath(n), StandardOpenOption.WRITE)) {
          out.truncate(offset);
          out.force(false);
        }
        segments.put(n, offset);
      }
    }
    return count;
  }

  private Position readCheckpoint() throws IOException {
    Path file = dir.resolve("checkpoint");
    long first = segments.isEmpty() ? 0 : segments.firstKey();
    try {
      String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
      Position p = new Position(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
      if (!segments.containsKey(p.segment())) {
        // Its segment was deleted after the checkpoint was written: nothing before the
        // remaining segments is unacknowledged.
        Long next = segments.ceilingKey(p.segment());
        return next == null ? new Position(p.segment(), 0) : new Position(next, 0);
      }
      return p;
    } catch (NoSuchFileException e) {
      return new Position(first, 0);
    } catch (RuntimeException e) {
      LOG.warn("audit spill {}: unreadable checkpoint; replaying every segment (duplicates are skipped)", dir);
      return new Position(first, 0);
    }
  }

  private FileChannel readerFor(long segment) throws IOException {
    if (readerSegment != segment) {
      closeReader();
      reader = FileChannel.open(segmentPath(segment), StandardOpenOption.READ);
      readerSegment = segment;
    }
    return reader;
  }

  private void closeReader() throws IOException {
    if (reader != null) {
      reader.close();
      reader = null;
      readerSegment = -1;
    }
  }

  private static void readFully(FileChannel in, ByteBuffer buf, long position) throws IOException {
    long p = position;
    while (buf.hasRemaining()) {
      int n = in.read(buf, p);
      if (n < 0) {
        throw new IOException("unexpected end of spill segment");
      }
      p += n;
    }
  }

  private void forceDirectory() {
    // Makes a new segment's directory entry durable; not every platform can open a directory.
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("audit spill {}: cannot fsync the directory", dir, e);
    }
  }

  private void deleteSegment(long n) {
    try {
      Files.deleteIfExists(segmentPath(n));
    } catch (IOException e) {
      LOG.warn("audit spill {}: cannot delete acknowledged segment {}", dir, n, e);
    }
  }

  private Path segmentPath(long n) {
    return dir.resolve(String.format("segment-%020d.log", n));
  }

  private static Long segmentNumber(Path f) {
    String name = f.getFileName().toString();
    if (!name.startsWith("segment-") || !name.endsWith(".log")) {
      return null;
    }
    try {
      return Long.parseLong(name.substring(8, name.length() - 4));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("audit spill " + dir + " is closed");
    }
  }
}
