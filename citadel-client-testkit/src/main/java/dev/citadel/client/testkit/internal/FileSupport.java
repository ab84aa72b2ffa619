package dev.citadel.client.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** File helpers: the kit's work directory, permissions, recursive delete, log tails. */
public final class FileSupport {

  private FileSupport() {
  }

  /**
   * Returns {@code ${java.io.tmpdir}/citadel-testkit}, creating it (mode 755) when missing.
   *
   * @return the work directory shared by all JVMs of this machine
   */
  public static Path workDirectory() {
    Path dir = Paths.get(System.getProperty("java.io.tmpdir")).toAbsolutePath().resolve("citadel-testkit");
    try {
      Files.createDirectories(dir);
      setPermissionsIfOwned(dir, "rwxr-xr-x");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the test kit work directory " + dir, e);
    }
    return dir;
  }

  /**
   * Applies POSIX permissions when the file system supports them and we own the file.
   *
   * @param path the file
   * @param permissions e.g. {@code rwxr-xr-x}
   */
  public static void setPermissionsIfOwned(Path path, String permissions) {
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    try {
      view.setPermissions(PosixFilePermissions.fromString(permissions));
    } catch (IOException | SecurityException ignored) {
      // not ours (e.g. created by another user); use it as it is
    }
  }

  /**
   * Converts a tar mode to POSIX permissions.
   *
   * @param mode the octal mode bits
   * @return the permissions
   */
  public static Set<PosixFilePermission> permissionsOf(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE,
    };
    for (int i = 0; i < order.length; i++) {
      if ((mode & (1 << (8 - i))) != 0) {
        set.add(order[i]);
      }
    }
    return set;
  }

  /**
   * Deletes a file or a directory tree; missing files are ignored.
   *
   * @param root the file or directory
   */
  public static void deleteRecursively(Path root) {
    if (root == null || !Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
          if (exc instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
          }
          throw exc;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
          try {
            Files.deleteIfExists(dir);
          } catch (DirectoryNotEmptyException e) {
            // a process still writes into it; leave what is left
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + root, e);
    }
  }

  /**
   * Returns the last lines of a text file, for error messages.
   *
   * @param file the file
   * @param lines how many lines at most
   * @return the tail, or a note when the file cannot be read
   */
  public static String tail(Path file, int lines) {
    try {
      if (!Files.exists(file)) {
        return "(" + file + " does not exist)";
      }
      List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
      List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
      return String.join(System.lineSeparator(), last);
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
