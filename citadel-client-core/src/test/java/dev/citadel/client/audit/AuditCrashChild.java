package dev.citadel.client.audit;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.db.Database;

/**
 * The process {@link AuditCrashRecoveryIT} kills: configured from {@code CITADEL_*} variables
 * (a database it cannot reach, a spill directory), it records {@code args[0]} events, flushes
 * them into the spill file, says so on stdout, and waits to be killed.
 */
public final class AuditCrashChild {
  private AuditCrashChild() {}

  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(args[0]);
    CitadelConfig config = CitadelConfig.fromEnvironment();
    Database db = Database.create(config);
    AuditLog log = AuditLog.create(db, config.audit());
    for (int i = 0; i < count; i++) {
      log.record(AuditCrashRecoveryIT.event(i));
    }
    log.flush();
    AuditStats stats = log.stats();
    System.out.println("SPILLED " + stats.spilled() + " ACCEPTED " + stats.accepted() + " WRITTEN " + stats.written());
    System.out.flush();
    // Never closes the log: the parent kills this process with SIGKILL.
    while (System.in.read() >= 0) {
      // keep waiting
    }
  }
}
