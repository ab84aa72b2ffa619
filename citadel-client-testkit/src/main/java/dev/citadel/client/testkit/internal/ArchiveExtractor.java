package dev.citadel.client.testkit.internal;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Extracts {@code .tar.xz} archives, keeping symbolic links, hard links and executable bits. Extracted files are
 * made readable by everyone (and executables executable by everyone) so that an unprivileged user can run them.
 */
public final class ArchiveExtractor {

  private ArchiveExtractor() {
  }

  /**
   * Extracts an xz-compressed tar stream into a directory.
   *
   * @param txz the compressed archive; not closed
   * @param target the directory to extract into (created when missing)
   * @throws IOException on read or write failure, or an entry escaping {@code target}
   */
  public static void extractTarXz(InputStream txz, Path target) throws IOException {
    Path root = target.toAbsolutePath().normalize();
    Files.createDirectories(root);
    List<TarArchiveEntry> hardLinks = new ArrayList<>();
    List<Path> directories = new ArrayList<>();
    XZInputStream xz = new XZInputStream(new BufferedInputStream(txz, 64 * 1024));
    TarArchiveInputStream tar = new TarArchiveInputStream(xz);
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      Path path = resolveInside(root, entry.getName());
      if (entry.isDirectory()) {
        Files.createDirectories(path);
        directories.add(path);
      } else if (entry.isSymbolicLink()) {
        Files.createDirectories(path.getParent());
        Files.deleteIfExists(path);
        Files.createSymbolicLink(path, Paths.get(entry.getLinkName()));
      } else if (entry.isLink()) {
        hardLinks.add(entry); // the link target may come later in the archive
      } else if (entry.isFile()) {
        Files.createDirectories(path.getParent());
        Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
        setMode(path, entry.getMode());
      }
    }
    for (TarArchiveEntry link : hardLinks) {
      Path path = resolveInside(root, link.getName());
      Path existing = resolveInside(root, link.getLinkName());
      Files.createDirectories(path.getParent());
      Files.deleteIfExists(path);
      try {
        Files.createLink(path, existing);
      } catch (IOException | UnsupportedOperationException e) {
        Files.copy(existing, path, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    for (Path directory : directories) {
      setMode(directory, 0755);
    }
  }

  private static Path resolveInside(Path root, String name) throws IOException {
    Path path = root.resolve(name).normalize();
    if (!path.startsWith(root)) {
      throw new IOException("Archive entry escapes the target directory: " + name);
    }
    return path;
  }

  /**
   * Applies the archive's mode plus read for everyone, and execute for everyone when anyone may execute.
   */
  private static void setMode(Path path, int mode) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      return;
    }
    int effective = mode & 0777 | 0444;
    if ((mode & 0111) != 0) {
      effective |= 0111;
    }
    Set<PosixFilePermission> permissions = FileSupport.permissionsOf(effective);
    view.setPermissions(permissions);
  }
}
