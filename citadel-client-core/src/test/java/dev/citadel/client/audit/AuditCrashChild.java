package dev.citadel.client.audit;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.db.Database;

/**
 * The process {@link AuditCrashRecoveryIT} ends without {@link AuditLog#close()}: configured from
 * {@code CITADEL_*} variables, it records {@code args[0]} events; then, in mode {@code spill}
 * (a database it cannot reach), flushes them into the spill file, says so on stdout and waits to
 * be killed; in mode {@code exit}, says how many it recorded and calls {@link System#exit} at
 * once, the events still in memory.
 */
public final class AuditCrashChild {
  private AuditCrashChild() {}

  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(args[0]);
    boolean exit = args.length > 1 && args[1].equals("exit");
    CitadelConfig config = CitadelConfig.fromEnvironment();
    Database db = Database.create(config);
    AuditLog log = AuditLog.create(db, config.audit());
    for (int i = 0; i < count; i++) {
      log.record(AuditCrashRecoveryIT.event(i));
    }
    if (exit) {
      AuditStats stats = log.stats();
      System.out.println("RECORDED " + stats.accepted() + " IN MEMORY " + stats.pendingInMemory());
      System.out.flush();
      System.exit(0); // no close(), no flush(): only the shutdown hook can save the events
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
