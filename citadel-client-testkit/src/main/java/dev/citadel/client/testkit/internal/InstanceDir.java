package dev.citadel.client.testkit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A per-server-instance directory in the kit's work directory. The owning JVM holds a file lock on
 * {@code .owner.lock} inside it for as long as the instance lives, so a later JVM can recognise directories left
 * by a JVM that was killed, stop their leftover server process and delete them.
 */
public final class InstanceDir {

  private static final Logger LOG = LoggerFactory.getLogger(InstanceDir.class);
  private static final String LOCK_FILE = ".owner.lock";
  private static final Duration MIN_ORPHAN_AGE = Duration.ofMinutes(1);
  /**
   * Directories this JVM holds. {@link #isOrphan} must not open their lock files: on Linux, closing any channel
   * of a file drops every lock the process holds on it, so checking our own directory would unlock it and let
   * another JVM reap a live server (seen when a test started a dedicated server while the shared one ran).
   */
  private static final java.util.Set<Path> OWNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;

  private InstanceDir(Path path, FileChannel channel, FileLock lock) {
    this.path = path;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Creates a fresh directory {@code workDirectory/prefix*} and locks it for this JVM.
   *
   * @param prefix the name prefix, e.g. {@code postgres-instance-}
   * @return the directory
   */
  public static InstanceDir create(String prefix) {
    try {
      Path dir = Files.createTempDirectory(FileSupport.workDirectory(), prefix);
      FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      FileLock lock = channel.lock();
      OWNED.add(dir.toAbsolutePath());
      return new InstanceDir(dir, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create an instance directory in " + FileSupport.workDirectory(), e);
    }
  }

  /**
   * Returns the directory.
   *
   * @return the path
   */
  public Path path() {
    return path;
  }

  /** Releases the lock and deletes the directory tree. */
  public void delete() {
    OWNED.remove(path.toAbsolutePath());
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // deleting anyway
    }
    FileSupport.deleteRecursively(path);
  }

  /**
   * Finds directories {@code workDirectory/prefix*} whose owning JVM is gone, lets {@code stopper} stop what
   * still runs from them, and deletes them. Failures are logged, never thrown.
   *
   * @param prefix the name prefix
   * @param stopper stops a leftover server given its instance directory
   */
  public static void reapOrphans(String prefix, Consumer<Path> stopper) {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(FileSupport.workDirectory(), prefix + "*")) {
      for (Path dir : dirs) {
        try {
          if (Files.isDirectory(dir) && isOrphan(dir)) {
            LOG.info("Citadel test kit: cleaning up {} left by a JVM that did not shut down", dir);
            stopper.accept(dir);
            FileSupport.deleteRecursively(dir);
          }
        } catch (RuntimeException e) {
          LOG.debug("Cannot clean up {}: {}", dir, e.toString());
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("Cannot look for leftover instance directories: {}", e.toString());
    }
  }

  private static boolean isOrphan(Path dir) throws IOException {
    if (OWNED.contains(dir.toAbsolutePath())) {
      return false;
    }
    Instant modified = Files.getLastModifiedTime(dir).toInstant();
    if (modified.isAfter(Instant.now().minus(MIN_ORPHAN_AGE))) {
      return false; // may be a directory another JVM is creating right now
    }
    Path lockFile = dir.resolve(LOCK_FILE);
    if (!Files.exists(lockFile)) {
      return true;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return false; // its JVM is alive
      }
      lock.release();
      return true;
    } catch (OverlappingFileLockException e) {
      return false; // this JVM owns it
    }
  }
}
