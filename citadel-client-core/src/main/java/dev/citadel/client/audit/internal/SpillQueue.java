package dev.citadel.client.audit.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only, fsync'd FIFO of byte records on local disk: segment files
 * {@code segment-N.log} of records {@code [int32 length][int32 CRC-32C][payload]}, plus a
 * {@code checkpoint} file naming the position up to which records are acknowledged (written to
 * PostgreSQL), and a {@code binding} file saying whose records they are (written by the owner,
 * read back by the next one). Acknowledged segments are deleted; an empty queue leaves no segment
 * behind.
 *
 * <p>Reopening after a crash resumes at the checkpoint. The checkpoint is written after the
 * records it covers were committed, and is not fsync'd: after a crash, records may be delivered
 * again, never skipped, so consumers must be idempotent. A checkpoint that cannot be written
 * (disk full) leaves the acknowledged position moved in memory. A torn record at the end (a crash
 * in the middle of an append, before it was reported durable) is cut off; a corrupt record with
 * intact records after it is skipped and counted ({@link #corruptRecordsSkipped()}), and the
 * records after it are delivered.
 *
 * <p>The directory is private: created {@code 0700} (an existing one must be owned by this
 * process's user; wider permissions are narrowed), files {@code 0600}, and neither the directory
 * nor its files may be symbolic links. One holder at a time: the directory is locked while open,
 * against other processes by a file lock and against this JVM by a registry of open directories
 * (closing a second channel on the lock file would release the first holder's lock).
 *
 * <p>Thread-safe; {@link #append} holds the monitor while it writes and forces.
 */
public final class SpillQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SpillQueue.class);
  private static final long SEGMENT_BYTES = 64L * 1024 * 1024;
  private static final int HEADER = 8;
  private static final int MAX_RECORD = 64 * 1024 * 1024;
  private static final String BINDING = "binding";
  private static final String CHECKPOINT = "checkpoint";
  private static final DateTimeFormatter SET_ASIDE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
  /** Directories open in this JVM, by real path. */
  private static final Set<Path> OPEN_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

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

  /** What {@link #parse} found at an offset: a record ending at {@code next}, or bytes to skip up to {@code next}. */
  private record Parsed(byte[] payload, long next) {
    boolean corrupt() {
      return payload == null;
    }
  }

  private final Path dir;
  private final Path realDir;
  private final long maxBytes;
  private final FileOpener files;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final TreeMap<Long, Long> segments = new TreeMap<>();
  private final long recovered;
  private long corruptSkipped;
  private String bindingText;
  private FileChannel writer;
  private long writeSegment;
  private long writeOffset;
  private FileChannel reader;
  private long readerSegment = -1;
  private Position readPos;
  private Position ackPos;
  private boolean closed;

  private SpillQueue(Path dir, Path realDir, long maxBytes, FileOpener files, FileChannel lockChannel,
      FileLock lock) throws IOException {
    this.dir = dir;
    this.realDir = realDir;
    this.files = files;
    this.maxBytes = maxBytes;
    this.lockChannel = lockChannel;
    this.lock = lock;
    try (Stream<Path> listing = Files.list(dir)) {
      for (Path f : (Iterable<Path>) listing::iterator) {
        Long n = segmentNumber(f);
        if (n != null) {
          if (Files.isSymbolicLink(f)) {
            throw new IOException("spill segment " + f + " is a symbolic link; refusing to read it");
          }
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
   * @throws IOException when the directory cannot be used (including: a symbolic link, owned by
   *     another user)
   * @throws IllegalStateException when another writer, in this JVM or another process, holds the
   *     directory
   */
  public static SpillQueue open(Path dir, long maxBytes) throws IOException {
    return open(dir, maxBytes, REAL_FILES);
  }

  /** {@link #open(Path, long)} opening its files through {@code files}. */
  public static SpillQueue open(Path dir, long maxBytes, FileOpener files) throws IOException {
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null && !Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) {
      createPrivateDirectories(parent);
    }
    requirePrivateDirectory(dir);
    Path real = dir.toRealPath();
    if (!OPEN_IN_THIS_JVM.add(real)) {
      throw inUse(dir, "in this JVM");
    }
    FileChannel channel = null;
    FileLock lock = null;
    try {
      channel = files.open(dir.resolve("writer.lock"), Set.of(StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), privateFile());
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // cannot happen with the registry; refuse all the same
      }
      if (lock == null) {
        throw inUse(dir, "in another process");
      }
      return new SpillQueue(dir, real, maxBytes, files, channel, lock);
    } catch (IOException | RuntimeException | Error e) {
      try {
        if (lock != null) {
          lock.release();
        }
        if (channel != null) {
          channel.close();
        }
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      } finally {
        OPEN_IN_THIS_JVM.remove(real);
      }
      throw e;
    }
  }

  private static IllegalStateException inUse(Path dir, String where) {
    return new IllegalStateException("audit spill directory " + dir + " is in use by another audit writer ("
        + where + "; give each writer its own audit.chain_id)");
  }

  /**
   * Makes {@code dir} a directory private to this process's user: creates it (and missing
   * parents) with permissions {@code 0700}; an existing one must not be a symbolic link and must
   * be owned by this user; group and other permissions on it are removed.
   *
   * @throws IOException when it is a symbolic link, not a directory, or owned by another user
   */
  public static void requirePrivateDirectory(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      createPrivateDirectories(dir);
    }
    if (Files.isSymbolicLink(dir)) {
      throw new IOException("audit spill directory " + dir + " is a symbolic link; refusing to follow it");
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("audit spill directory " + dir + " is not a directory");
    }
    if (!posix()) {
      return;
    }
    UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
    UserPrincipal me = currentUser();
    if (me != null && !owner.equals(me)) {
      throw new IOException("audit spill directory " + dir + " belongs to " + owner.getName() + ", not to "
          + me.getName() + " (this process's user); spill files must be private");
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
    Set<PosixFilePermission> privateOnes = PosixFilePermissions.fromString("rwx------");
    if (!privateOnes.containsAll(permissions)) {
      LOG.warn("audit spill directory {} was open to other users ({}); narrowing it to rwx------", dir,
          PosixFilePermissions.toString(permissions));
      Files.setPosixFilePermissions(dir, privateOnes);
    }
  }

  private static void createPrivateDirectories(Path dir) throws IOException {
    if (posix()) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
  }

  /** This process's user, or null when the name cannot be looked up (e.g. a container uid without passwd entry). */
  private static UserPrincipal currentUser() {
    try {
      return FileSystems.getDefault().getUserPrincipalLookupService()
          .lookupPrincipalByName(System.getProperty("user.name"));
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warn("cannot look up user {}; the audit spill directory's owner is not checked: {}",
          System.getProperty("user.name"), e.toString());
      return null;
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private static FileAttribute<?>[] privateFile() {
    return posix()
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
  }

  /** The directory. */
  public Path directory() {
    return dir;
  }

  /** Unacknowledged records found when the queue was opened. */
  public long recoveredRecords() {
    return recovered;
  }

  /** Corrupt records skipped so far (when opening and when reading); never delivered. */
  public synchronized long corruptRecordsSkipped() {
    return corruptSkipped;
  }

  /** Bytes the segment files take now. */
  public synchronized long bytes() {
    return segments.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Whether {@code payloadBytes} more bytes in {@code records} records fit under the limit. */
  public synchronized boolean hasRoom(long payloadBytes, int records) {
    return bytes() + payloadBytes + (long) HEADER * records <= maxBytes;
  }

  /** Whether the queue holds segment files (records not yet acknowledged, or a torn tail). */
  public synchronized boolean hasSegments() {
    return !segments.isEmpty();
  }

  /** The text of the binding file, when there is one (left by the queue's earlier owner, or written by {@link #bind}). */
  public synchronized Optional<String> binding() throws IOException {
    try {
      return Optional.of(new String(Files.readAllBytes(dir.resolve(BINDING)), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Says whose records this queue holds from now on: the binding file is replaced with
   * {@code text} durably (written, forced, renamed into place) now when there are segments, and
   * before the first segment of every later append otherwise. Never call it while the segments
   * belong to someone else: the old binding is overwritten.
   */
  public synchronized void bind(String text) throws IOException {
    ensureOpen();
    bindingText = text;
    if (!segments.isEmpty()) {
      writeAtomically(BINDING, text.getBytes(StandardCharsets.UTF_8), true);
    }
  }

  /**
   * Moves every segment, the checkpoint and the binding file into a new sub-directory
   * {@code set-aside-<UTC time>} (never read again by the queue), and continues empty.
   *
   * @return the sub-directory
   */
  public synchronized Path setAside() throws IOException {
    ensureOpen();
    if (writer != null) {
      writer.close();
      writer = null;
    }
    closeReader();
    Path target = dir.resolve("set-aside-" + SET_ASIDE_TIME.format(Instant.now()));
    for (int n = 2; Files.exists(target, LinkOption.NOFOLLOW_LINKS); n++) {
      target = dir.resolve("set-aside-" + SET_ASIDE_TIME.format(Instant.now()) + "-" + n);
    }
    createPrivateDirectories(target);
    for (Long n : segments.keySet()) {
      Files.move(segmentPath(n), target.resolve(segmentPath(n).getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }
    for (String name : List.of(CHECKPOINT, BINDING)) {
      if (Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
        Files.move(dir.resolve(name), target.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      }
    }
    forceDirectory();
    segments.clear();
    writeSegment++;
    writeOffset = 0;
    ackPos = new Position(writeSegment, 0);
    readPos = ackPos;
    return target;
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
    if (segments.isEmpty() && bindingText != null) {
      writeAtomically(BINDING, bindingText.getBytes(StandardCharsets.UTF_8), true);
    }
    if (writer == null) {
      writer = files.open(segmentPath(writeSegment), Set.of(StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), privateFile());
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

  /**
   * Up to {@code max} records after the read position, which moves past them. Corrupt records
   * on the way are skipped and counted.
   */
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
      Parsed parsed = parse(readerFor(readPos.segment()), readPos.offset(), size);
      if (parsed.corrupt()) {
        corruptSkipped++;
        LOG.error("audit spill {}: skipping {} corrupt bytes at {}; the records after them are read",
            dir, parsed.next() - readPos.offset(), readPos);
        readPos = new Position(readPos.segment(), parsed.next());
        continue;
      }
      readPos = new Position(readPos.segment(), parsed.next());
      out.add(new Entry(parsed.payload(), readPos));
    }
    return out;
  }

  /** Moves the read position back to the acknowledged position. */
  public synchronized void rewind() {
    readPos = ackPos;
  }

  /**
   * Records that everything up to {@code through} is written elsewhere: moves the acknowledged
   * position, saves the checkpoint and deletes segments that hold nothing newer. When nothing
   * unacknowledged is left, every segment, the checkpoint and the binding are deleted.
   *
   * @throws IOException when the checkpoint cannot be saved; the acknowledged position has moved
   *     all the same (only a restart would deliver these records again)
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
      List<Long> drained = List.copyOf(segments.keySet());
      segments.clear();
      writeSegment++;
      writeOffset = 0;
      ackPos = new Position(writeSegment, 0);
      readPos = ackPos;
      drained.forEach(this::deleteSegment);
      // Without segments the queue is empty whatever these say; deleting is tidiness.
      Files.deleteIfExists(dir.resolve(CHECKPOINT));
      Files.deleteIfExists(dir.resolve(BINDING));
      return;
    }
    for (Long n : List.copyOf(segments.headMap(ackPos.segment()).keySet())) {
      if (n == readerSegment) {
        closeReader();
      }
      deleteSegment(n);
      segments.remove(n);
    }
    writeAtomically(CHECKPOINT, (ackPos.segment() + " " + ackPos.offset() + "\n").getBytes(StandardCharsets.US_ASCII),
        false);
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
        try {
          lockChannel.close();
        } finally {
          OPEN_IN_THIS_JVM.remove(realDir);
        }
      }
    }
  }

  private void writeAtomically(String name, byte[] content, boolean durable) throws IOException {
    Path tmp = dir.resolve(name + ".tmp");
    try (FileChannel out = files.open(tmp, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS), privateFile())) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        out.write(buf);
      }
      if (durable) {
        out.force(false);
      }
    }
    Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    if (durable) {
      forceDirectory();
    }
  }

  /** Counts the records after the checkpoint; skips corrupt ones, cuts a torn tail off. */
  private long scan() throws IOException {
    long count = 0;
    for (Long n : List.copyOf(segments.keySet())) {
      long offset = n == ackPos.segment() ? ackPos.offset() : 0;
      long size = segments.get(n);
      long tornFrom = -1;
      try (FileChannel in = FileChannel.open(segmentPath(n), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
        while (offset < size) {
          Parsed parsed = parse(in, offset, size);
          if (!parsed.corrupt()) {
            count++;
          } else if (parsed.next() < size) {
            // Counted when read() skips it.
            LOG.error("audit spill {}: segment {} has {} corrupt bytes at offset {}; they will be skipped,"
                + " the records after them are kept", dir, n, parsed.next() - offset, offset);
          } else {
            tornFrom = offset;
          }
          offset = parsed.next();
        }
      }
      if (tornFrom >= 0) {
        LOG.warn("audit spill {}: cutting {} bytes of a torn or corrupt record off the end of segment {}",
            dir, size - tornFrom, n);
        try (FileChannel out = FileChannel.open(segmentPath(n), StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
          out.truncate(tornFrom);
          out.force(false);
        }
        segments.put(n, tornFrom);
      }
    }
    return count;
  }

  /**
   * The record at {@code offset}, or, when it does not check out (length out of bounds or
   * checksum mismatch), the corrupt stretch up to the next offset where a whole non-empty record
   * checks out (CRC-32C over its payload), or up to {@code size} when none does.
   */
  private static Parsed parse(FileChannel in, long offset, long size) throws IOException {
    byte[] payload = recordAt(in, offset, size);
    if (payload != null) {
      return new Parsed(payload, offset + HEADER + payload.length);
    }
    MappedByteBuffer rest = in.map(FileChannel.MapMode.READ_ONLY, offset, size - offset);
    CRC32C crc = new CRC32C();
    for (int at = 1; at + HEADER <= rest.limit(); at++) {
      int length = rest.getInt(at);
      if (length <= 0 || length > MAX_RECORD || (long) at + HEADER + length > rest.limit()) {
        continue;
      }
      crc.reset();
      crc.update(rest.slice(at + HEADER, length));
      if ((int) crc.getValue() == rest.getInt(at + 4)) {
        return new Parsed(null, offset + at);
      }
    }
    return new Parsed(null, size);
  }

  /** The payload of the record at {@code offset} if it is whole and its checksum matches, else null. */
  private static byte[] recordAt(FileChannel in, long offset, long size) throws IOException {
    if (offset + HEADER > size) {
      return null;
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    readFully(in, header, offset);
    int length = header.getInt(0);
    if (length < 0 || length > MAX_RECORD || offset + HEADER + length > size) {
      return null;
    }
    ByteBuffer payload = ByteBuffer.allocate(length);
    readFully(in, payload, offset + HEADER);
    CRC32C crc = new CRC32C();
    crc.update(payload.array());
    return (int) crc.getValue() == header.getInt(4) ? payload.array() : null;
  }

  private Position readCheckpoint() throws IOException {
    Path file = dir.resolve(CHECKPOINT);
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
      reader = files.open(segmentPath(segment), Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
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
