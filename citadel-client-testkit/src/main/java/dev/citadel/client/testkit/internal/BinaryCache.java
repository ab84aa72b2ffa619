package dev.citadel.client.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Extracts binaries once per machine into the kit's work directory. An exclusive file lock serialises JVMs that
 * start together, and a completion marker written last makes a half-finished extraction be redone.
 */
public final class BinaryCache {

  private static final String MARKER = ".citadel-extracted";
  private static final Map<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();

  /** Fills an empty directory. */
  @FunctionalInterface
  public interface Filler {
    /**
     * Writes the content into the directory.
     *
     * @param directory the empty directory
     * @throws IOException on failure; the directory is then extracted again next time
     */
    void fill(Path directory) throws IOException;
  }

  private BinaryCache() {
  }

  /**
   * Returns {@code workDirectory/name}, filling it first unless a previous run completed it.
   *
   * @param name the directory name, unique per content (include the version and platform)
   * @param filler writes the content
   * @return the completed directory
   */
  @SuppressWarnings("try") // the FileLock is held for the block, never referenced
  public static Path extractOnce(String name, Filler filler) {
    Path dir = FileSupport.workDirectory().resolve(name);
    Path marker = dir.resolve(MARKER);
    synchronized (JVM_LOCKS.computeIfAbsent(dir, d -> new Object())) {
      if (Files.exists(marker)) {
        return dir;
      }
      Path lockFile = dir.resolveSibling(name + ".lock");
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
        if (Files.exists(marker)) {
          return dir; // another JVM finished while we waited
        }
        FileSupport.deleteRecursively(dir);
        Files.createDirectories(dir);
        FileSupport.setPermissionsIfOwned(dir, "rwxr-xr-x");
        filler.fill(dir);
        Files.writeString(marker, "extracted " + Instant.now() + System.lineSeparator(), StandardCharsets.UTF_8);
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot extract test kit binaries into " + dir, e);
      }
    }
  }
}
