package dev.citadel.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Splits the iterations of {@link PairedBenchmarks} runs by side and prints each side's ops/s,
 * the ratio of the means and the paired ratios: each SDK iteration against the mean of the raw
 * iterations right before and after it (which cancels load that drifts linearly).
 */
final class PairedReport {
  private static final double CONFIDENCE = 0.999;

  private PairedReport() {}

  /** One benchmark method with one parameter set, all forks and rounds pooled. */
  private static final class Sides {
    final ListStatistics raw = new ListStatistics();
    final ListStatistics sdk = new ListStatistics();
    final List<Double> paired = new ArrayList<>();
    final ListStatistics pairedStats = new ListStatistics();
  }

  /** Prints the report; returns whether a targeted pair missed {@code target}. */
  static boolean print(Collection<RunResult> results, double target) {
    Map<String, Map<String, Sides>> groups = new TreeMap<>();
    for (RunResult run : results) {
      BenchmarkParams p = run.getParams();
      Sides sides = groups.computeIfAbsent(CoreBenchmarks.describe(p), k -> new TreeMap<>())
          .computeIfAbsent(CoreBenchmarks.method(p), k -> new Sides());
      int warmups = p.getWarmup().getCount();
      for (BenchmarkResult fork : run.getBenchmarkResults()) {
        List<Double> scores = new ArrayList<>();
        for (IterationResult iteration : fork.getIterationResults()) {
          scores.add(iteration.getPrimaryResult().getScore());
        }
        for (int k = 0; k < scores.size(); k++) {
          boolean sdk = PairedBenchmarks.sdkSide(warmups + k);
          (sdk ? sides.sdk : sides.raw).addValue(scores.get(k));
          if (sdk) {
            double before = k > 0 ? scores.get(k - 1) : Double.NaN;
            double after = k + 1 < scores.size() ? scores.get(k + 1) : Double.NaN;
            double raw = Double.isNaN(before) ? after : Double.isNaN(after) ? before : (before + after) / 2;
            if (!Double.isNaN(raw)) {
              double ratio = scores.get(k) / raw;
              sides.paired.add(ratio);
              sides.pairedStats.addValue(ratio);
            }
          }
        }
      }
    }

    boolean missed = false;
    System.out.println();
    System.out.printf(Locale.ROOT,
        "== citadel-client SDK vs raw, paired: one JVM per pair, sides alternating every iteration"
            + " (target: SDK >= %.2fx raw) ==%n", target);
    for (Map.Entry<String, Map<String, Sides>> group : groups.entrySet()) {
      System.out.println();
      System.out.println(group.getKey());
      System.out.printf(Locale.ROOT, "  %-17s %10s %9s %10s %9s %8s %8s %16s %4s  %s%n", "pair", "raw ops/s", "+/-",
          "sdk ops/s", "+/-", "ratio", "median", "paired mean +/-", "n", "verdict");
      for (Map.Entry<String, Sides> e : group.getValue().entrySet()) {
        Sides s = e.getValue();
        if (s.raw.getN() == 0 || s.sdk.getN() == 0) {
          continue;
        }
        double median = s.pairedStats.getN() == 0 ? Double.NaN : s.pairedStats.getPercentile(50);
        boolean targeted = !e.getKey().startsWith("routed");
        String verdict;
        if (targeted) {
          boolean pass = median >= target;
          missed |= !pass;
          verdict = pass ? "PASS" : "MISS";
          double lo = s.pairedStats.getMean() - s.pairedStats.getMeanErrorAt(CONFIDENCE);
          double hi = s.pairedStats.getMean() + s.pairedStats.getMeanErrorAt(CONFIDENCE);
          if (lo < target && target <= hi) {
            verdict += " (" + target + " within error)";
          }
        } else {
          verdict = "info, no target";
        }
        System.out.printf(Locale.ROOT, "  %-17s %10.1f %9s %10.1f %9s %7.3fx %7.3fx %8.3f +/- %5s %4d  %s%n",
            e.getKey(),
            s.raw.getMean(), CoreBenchmarks.format(s.raw.getMeanErrorAt(CONFIDENCE), "%.1f"),
            s.sdk.getMean(), CoreBenchmarks.format(s.sdk.getMeanErrorAt(CONFIDENCE), "%.1f"),
            s.sdk.getMean() / s.raw.getMean(), median, s.pairedStats.getMean(),
            CoreBenchmarks.format(s.pairedStats.getMeanErrorAt(CONFIDENCE), "%.3f"), s.pairedStats.getN(), verdict);
      }
    }
    System.out.println();
    System.out.println("raw/sdk: mean ops/s of that side's measurement iterations, +/- 99.9% confidence half-width."
        + " ratio: sdk mean / raw mean. median, paired mean: over the n SDK iterations, each divided by the"
        + " mean of its neighbouring raw iterations; the verdict uses the median. routedPointQuery compares"
        + " forModel(...) with the same transaction written by hand.");
    return missed;
  }
}
