package dev.citadel.client.audit;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Run in a child JVM by {@link AuditSpillQueueTest}: tries to lock the file {@code args[0]} as
 * another process would, and prints {@code HELD} (someone holds it) or {@code FREE}.
 */
public final class SpillLockProbe {
  private SpillLockProbe() {}

  public static void main(String[] args) throws Exception {
    try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      System.out.println(lock == null ? "HELD" : "FREE");
    }
  }
}
