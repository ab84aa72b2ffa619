package dev.citadel.benchmarks.audit;

import dev.citadel.client.config.AuditChainKey;
import dev.citadel.client.config.AuditConfig;
import dev.citadel.client.config.Secret;
import dev.citadel.client.db.Database;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The audit writer chaining with HMAC-SHA256 under a chain key against the unkeyed (SHA-256)
 * writer, in the same run, same table, same producers: per round both run into an empty table,
 * in alternating order, so neither always meets a warmer server. Target: keyed within 5% of unkeyed; rounds vary
 * by several percent on a 2-core machine, so the median of the rounds' ratios is printed next to the best runs.
 *
 * <pre>java -cp benchmarks/target/citadel-benchmarks.jar dev.citadel.benchmarks.audit.KeyedChainBenchmark [events] [producers] [batch] [rounds]</pre>
 */
public final class KeyedChainBenchmark {
  private KeyedChainBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int producers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    byte[] material = new byte[32];
    new SecureRandom().nextBytes(material);
    AuditChainKey key = AuditChainKey.of("bench", Secret.of(Base64.getEncoder().encodeToString(material)));
    Path spill = Files.createTempDirectory("citadel-audit-keyed-bench");
    try (TestDatabase testDb = CitadelTestKit.postgres().createDatabase();
        Database db = Database.create(AuditBenchmark.config(testDb))) {
      db.migrate();
      AuditConfig unkeyed = AuditConfig.builder().batchSize(batch).spillDirectory(spill).build();
      AuditConfig keyed = unkeyed.toBuilder().chainKey(key).build();
      System.out.printf("keyed chain benchmark: %,d events per run, %d producer threads, batches of %d, %d cores%n",
          events, producers, batch, Runtime.getRuntime().availableProcessors());
      AuditBenchmark.writer(db, unkeyed, "warmup-u", events / 4, producers);
      AuditBenchmark.writer(db, keyed, "warmup-k", events / 4, producers);
      db.update("TRUNCATE audit.logs");
      double bestUnkeyed = 0;
      double bestKeyed = 0;
      double[] ratios = new double[rounds];
      for (int round = 1; round <= rounds; round++) {
        double u;
        double k;
        if (round % 2 == 1) {
          u = run(db, unkeyed, "unkeyed-" + round, events, producers);
          k = run(db, keyed, "keyed-" + round, events, producers);
        } else {
          k = run(db, keyed, "keyed-" + round, events, producers);
          u = run(db, unkeyed, "unkeyed-" + round, events, producers);
        }
        System.out.printf("round %d: unkeyed %,9.0f events/s   keyed %,9.0f events/s   keyed / unkeyed %.3f%n",
            round, u, k, k / u);
        ratios[round - 1] = k / u;
        bestUnkeyed = Math.max(bestUnkeyed, u);
        bestKeyed = Math.max(bestKeyed, k);
      }
      System.out.printf("best: unkeyed %,9.0f events/s   keyed %,9.0f events/s   keyed / unkeyed %.3f%n",
          bestUnkeyed, bestKeyed, bestKeyed / bestUnkeyed);
      java.util.Arrays.sort(ratios);
      double median = rounds % 2 == 1 ? ratios[rounds / 2] : (ratios[rounds / 2 - 1] + ratios[rounds / 2]) / 2;
      System.out.printf("median of the rounds' keyed / unkeyed: %.3f (target >= 0.95)%n", median);
    }
  }

  private static double run(Database db, AuditConfig config, String chain, int events, int producers) throws Exception {
    double perSecond = AuditBenchmark.writer(db, config, chain, events, producers).perSecond();
    db.update("TRUNCATE audit.logs");
    return perSecond;
  }
}
