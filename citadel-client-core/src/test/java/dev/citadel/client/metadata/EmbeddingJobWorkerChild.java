package dev.citadel.client.metadata;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.db.Database;
import java.time.Duration;
import java.util.List;

/**
 * The worker {@link EmbeddingJobWorkerCrashIT} kills: configured from {@code CITADEL_*}
 * variables, it claims one job with a lease of {@code args[0]} milliseconds and at most
 * {@code args[1]} attempts, prints {@code CLAIMED <id> <attempts>} (or {@code NONE}), and then
 * "works" on it until it is killed.
 */
public final class EmbeddingJobWorkerChild {
  private EmbeddingJobWorkerChild() {}

  public static void main(String[] args) throws Exception {
    Duration lease = Duration.ofMillis(Long.parseLong(args[0]));
    int maxAttempts = Integer.parseInt(args[1]);
    Database db = Database.create(CitadelConfig.fromEnvironment());
    List<EmbeddingJob> claimed = Metadata.create(db).jobs().claim(1, lease, maxAttempts);
    System.out.println(claimed.isEmpty() ? "NONE"
        : "CLAIMED " + claimed.get(0).id() + " " + claimed.get(0).attempts());
    System.out.flush();
    // Mid-job: never finishes, never closes; the parent kills this process with SIGKILL.
    while (System.in.read() >= 0) {
      // keep waiting
    }
  }
}
