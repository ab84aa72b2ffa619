package dev.citadel.client.testkit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Servers that refuse to run as root (PostgreSQL, PgBouncer) run as an unprivileged OS user when the JVM is root:
 * which user, and how their files are handed over to it.
 */
public final class OsUsers {

  private static final Logger LOG = LoggerFactory.getLogger(OsUsers.class);

  private OsUsers() {
  }

  /**
   * The OS user servers started by the kit run as.
   *
   * @param settings for {@link Settings#PG_OS_USER}
   * @return the unprivileged user when the JVM runs as root, null when servers run as the JVM's user
   */
  public static String serverUser(Settings settings) {
    return OsProcess.runningAsRoot() ? settings.get(Settings.PG_OS_USER, "nobody") : null;
  }

  /**
   * Looks up a user, explaining what to do when it does not exist.
   *
   * @param name the user name
   * @return the user
   * @throws IllegalStateException when there is no such user
   */
  public static UserPrincipal lookup(String name) throws IOException {
    try {
      return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
    } catch (UserPrincipalNotFoundException e) {
      throw new IllegalStateException("The JVM runs as root, so the test kit runs its servers as another OS user, "
          + "but user '" + name + "' does not exist; set " + Settings.PG_OS_USER + " to an existing "
          + "unprivileged user", e);
    }
  }

  /**
   * Gives a directory tree to a user and makes it reachable by that user.
   *
   * @param dir the directory
   * @param user the user, or null to do nothing
   */
  public static void handOver(Path dir, String user) {
    if (user == null) {
      return;
    }
    try {
      UserPrincipal owner = lookup(user);
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          Files.setOwner(file, owner);
        }
      }
      makeTraversable(dir.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot hand " + dir + " over to OS user " + user, e);
    }
  }

  /**
   * Adds execute-for-others to the directory and every ancestor that lacks it, so another OS user can reach it.
   *
   * @param dir the directory
   */
  public static void makeTraversable(Path dir) throws IOException {
    for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
      PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
      if (view == null) {
        return;
      }
      Set<PosixFilePermission> permissions = view.readAttributes().permissions();
      if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
        permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        view.setPermissions(permissions);
        LOG.warn("Made {} traversable by others (o+x) so that the OS user of the test kit's servers can reach "
            + "their files", p);
      }
    }
  }
}
