package dev.citadel.client.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Regression: looking for orphans in a JVM that holds an instance directory opened and closed its
 * lock file, which on Linux drops the JVM's lock, so another JVM reaped (stopped) the live server.
 */
class InstanceDirTest {

  /** Exits 0 when the lock file given as the argument is held by another process, 3 when it could take it. */
  public static final class LockProbe {
    public static void main(String[] args) throws Exception {
      try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
        FileLock lock = channel.tryLock();
        System.exit(lock == null ? 0 : 3);
      }
    }
  }

  @Test
  void lookingForOrphansKeepsTheLockOfThisJvmsOwnDirectories() throws Exception {
    InstanceDir dir = InstanceDir.create("instance-dir-test-");
    try {
      Files.setLastModifiedTime(dir.path(), FileTime.from(Instant.now().minusSeconds(600)));
      AtomicInteger stopped = new AtomicInteger();
      InstanceDir.reapOrphans("instance-dir-test-", d -> stopped.incrementAndGet());

      assertThat(stopped).hasValue(0);
      assertThat(dir.path()).isDirectory();
      String java = ProcessHandle.current().info().command().orElse("java");
      Process probe = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
          LockProbe.class.getName(), dir.path().resolve(".owner.lock").toString())).inheritIO().start();
      assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(probe.exitValue()).as("another process still sees the directory locked").isZero();
    } finally {
      dir.delete();
    }
  }
}
