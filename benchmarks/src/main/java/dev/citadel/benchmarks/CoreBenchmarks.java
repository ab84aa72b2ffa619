package dev.citadel.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link QueryBenchmarks} with defaults for a small machine, then prints ops/s with error
 * bars and the SDK/raw ratio of each pair against the {@value #TARGET} target.
 *
 * <p>Takes every JMH command-line option ({@code -f}, {@code -wi}, {@code -w}, {@code -i},
 * {@code -r}, {@code -t}, {@code -p poolSize=16}, {@code -rf json}, a benchmark regexp, ...); only
 * what is not given falls back to the defaults: 1 fork, 3 x 5 s warm-up, 5 x 5 s measurement, 4
 * threads ({@code @Threads} on the benchmark class), pools of 8, 100,000 rows, a fixed 1 GiB heap
 * in the forked JVMs, and the test kit's embedded PostgreSQL unless {@code CITADEL_TESTKIT_MODE}
 * or {@code CITADEL_TEST_POSTGRES_HOST} is set.
 *
 * <p>Each benchmark is its own JMH run, in pair order: the two sides of a pair run back to back
 * (raw first for one pair, SDK first for the next), so background load that comes and goes on a
 * shared machine hits both sides of a ratio alike rather than one whole side. Extra options:
 * <ul>
 *   <li>{@code --quick} (or {@code -Dbench.quick=true}): a smoke run of about a minute and a half
 *       (1 x 2 s warm-up, 2 x 3 s measurement, 10,000 rows);</li>
 *   <li>{@code --rounds N} (or {@code -Dbench.rounds=N}): repeat the whole sequence N times,
 *       reversing the order every other round; iterations of all rounds are pooled like forks,
 *       and the ratio of each round is printed too;</li>
 *   <li>{@code --paired} (or {@code -Dbench.paired=true}): run {@link PairedBenchmarks} instead, both
 *       sides of a pair in one JVM alternating every iteration (10 x 1 s warm-up, 40 x 1 s
 *       measurement by default), and report paired ratios; the robust choice on a busy machine;</li>
 *   <li>{@code --fail-on-miss} (or {@code -Dbench.failOnMiss=true}): exit with status 2 when a
 *       targeted pair misses the target.</li>
 * </ul>
 */
public final class CoreBenchmarks {
  /** The SDK must reach this fraction of raw throughput on each targeted pair. */
  static final double TARGET = 0.95;

  private record Pair(String sdk, String raw, boolean targeted, String label) {}

  private static final List<Pair> PAIRS = List.of(
      new Pair("sdkPointQuery", "rawPointQuery", true, "point query"),
      new Pair("sdkRangeScan100", "rawRangeScan100", true, "100-row range scan"),
      new Pair("sdkRoutedPointQuery", "rawRoutedPointQuery", false, "routed: SDK vs same tx by hand"),
      new Pair("sdkRoutedPointQuery", "sdkPointQuery", false, "routing cost: routed vs default schema"),
      new Pair("sdkObservedPointQuery", "rawPointQuery", false, "point query, observed (registry without handlers)"),
      new Pair("sdkObservedPointQuery", "sdkPointQuery", false, "observation hook: no handlers vs no-op hook"));

  /** The methods of {@link PairedBenchmarks}. */
  private static final List<String> PAIRED_ORDER =
      List.of("pointQuery", "rangeScan100", "routedPointQuery", "observedPointQuery");

  /** Run order of one round: pairs back to back, alternating which side goes first. */
  private static final List<String> ORDER = List.of(
      "rawPointQuery", "sdkPointQuery",
      "sdkRangeScan100", "rawRangeScan100",
      "rawRoutedPointQuery", "sdkRoutedPointQuery",
      "sdkObservedPointQuery");

  private CoreBenchmarks() {}

  public static void main(String[] args) throws Exception {
    boolean quick = Boolean.getBoolean("bench.quick");
    boolean failOnMiss = Boolean.getBoolean("bench.failOnMiss");
    boolean paired = Boolean.getBoolean("bench.paired");
    int rounds = Integer.getInteger("bench.rounds", 1);
    List<String> jmhArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--fail-on-miss" -> failOnMiss = true;
        case "--paired" -> paired = true;
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> jmhArgs.add(args[i]);
      }
    }
    if (rounds < 1) {
      throw new IllegalArgumentException("--rounds must be at least 1");
    }
    CommandLineOptions cli = new CommandLineOptions(jmhArgs.toArray(String[]::new));
    if (cli.shouldHelp() || cli.shouldList() || cli.shouldListWithParams() || cli.shouldListProfilers()
        || cli.shouldListResultFormats()) {
      org.openjdk.jmh.Main.main(jmhArgs.toArray(String[]::new));
      if (cli.shouldHelp()) {
        System.out.println();
        System.out.println("citadel-client extras: --quick (smoke run), --rounds N (repeat, alternating order),"
            + " --paired (both sides in one JVM, alternating every iteration), --fail-on-miss (exit 2 below "
            + TARGET + "x)");
      }
      return;
    }

    Class<?> benchmarks = paired ? PairedBenchmarks.class : QueryBenchmarks.class;
    List<String> selected = select(cli, benchmarks, paired ? PAIRED_ORDER : ORDER);
    if (selected.isEmpty()) {
      System.err.println("No benchmark of " + benchmarks.getName() + " matches " + cli.getIncludes()
          + " (excluding " + cli.getExcludes() + "); -l lists them.");
      System.exit(1);
    }
    if (paired) {
      List<RunResult> results = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        for (String method : selected) {
          results.addAll(new Runner(options(cli, quick, benchmarks, method, true)).run());
        }
      }
      boolean missed = PairedReport.print(results, TARGET);
      if (missed && failOnMiss) {
        System.exit(2);
      }
      return;
    }
    System.out.printf("citadel-client benchmarks: %s, %d round(s), target SDK >= %.2fx raw%n",
        selected, rounds, TARGET);

    Map<String, List<BenchmarkResult>> byMethod = new LinkedHashMap<>();
    Map<String, BenchmarkParams> paramsOf = new LinkedHashMap<>();
    List<Map<String, Result<?>>> perRound = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      List<String> sequence = new ArrayList<>(selected);
      if (round % 2 == 1) {
        java.util.Collections.reverse(sequence);
      }
      Map<String, Result<?>> thisRound = new LinkedHashMap<>();
      for (String method : sequence) {
        Options options = options(cli, quick, benchmarks, method, false);
        for (RunResult r : new Runner(options).run()) {
          String key = method + " " + describe(r.getParams());
          byMethod.computeIfAbsent(key, k -> new ArrayList<>()).addAll(r.getBenchmarkResults());
          paramsOf.putIfAbsent(key, r.getParams());
          thisRound.put(key, r.getPrimaryResult());
        }
      }
      perRound.add(thisRound);
    }

    List<RunResult> merged = new ArrayList<>();
    byMethod.forEach((key, results) -> merged.add(new RunResult(paramsOf.get(key), results)));
    writeResultFile(cli, merged);
    boolean missed = report(merged, rounds > 1 ? perRound : List.of());
    if (missed && failOnMiss) {
      System.exit(2);
    }
  }

  /** The benchmark methods to run, in pair order, after the user's include/exclude regexps. */
  private static List<String> select(CommandLineOptions cli, Class<?> benchmarks, List<String> order) {
    List<String> selected = new ArrayList<>();
    for (String method : order) {
      String name = benchmarks.getName() + "." + method;
      boolean included = cli.getIncludes().isEmpty()
          || cli.getIncludes().stream().anyMatch(r -> Pattern.compile(r).matcher(name).find());
      boolean excluded = cli.getExcludes().stream().anyMatch(r -> Pattern.compile(r).matcher(name).find());
      if (included && !excluded) {
        selected.add(method);
      }
    }
    return selected;
  }

  private static Options options(
      CommandLineOptions cli, boolean quick, Class<?> benchmarks, String method, boolean paired) {
    String name = Pattern.quote(benchmarks.getName() + "." + method);
    // The user's includes are still in the parent and JMH unions them, hence the exclude of
    // everything else.
    ChainedOptionsBuilder options = new OptionsBuilder().parent(cli)
        .include("^" + name + "$")
        .exclude("^(?!" + name + "$).*");
    if (!cli.getForkCount().hasValue()) {
      options.forks(1);
    }
    // Paired runs alternate sides every iteration: many short iterations instead of a few long ones.
    if (!cli.getWarmupIterations().hasValue()) {
      options.warmupIterations(paired ? (quick ? 4 : 10) : (quick ? 1 : 3));
    }
    if (!cli.getWarmupTime().hasValue()) {
      options.warmupTime(TimeValue.seconds(paired ? 1 : quick ? 2 : 5));
    }
    if (!cli.getMeasurementIterations().hasValue()) {
      options.measurementIterations(paired ? (quick ? 10 : 40) : (quick ? 2 : 5));
    }
    if (!cli.getMeasurementTime().hasValue()) {
      options.measurementTime(TimeValue.seconds(paired ? 1 : quick ? 3 : 5));
    }
    if (quick && !cli.getParameter("rows").hasValue()) {
      options.param("rows", "10000");
    }
    if (!cli.getJvmArgsPrepend().hasValue()) {
      // Prepended, so -Xmx or -D... given to this JVM (which the forks inherit) still win.
      options.jvmArgsPrepend("-Xms1g", "-Xmx1g");
    }
    if (setting("CITADEL_TESTKIT_MODE") == null && setting("CITADEL_TEST_POSTGRES_HOST") == null) {
      // Loopback PostgreSQL started by the kit; skips probing for Docker, whose proxied ports
      // would add a hop and make numbers incomparable between machines.
      List<String> append = new ArrayList<>(cli.getJvmArgsAppend().orElse(List.of()));
      append.add("-DCITADEL_TESTKIT_MODE=embedded");
      options.jvmArgsAppend(append.toArray(String[]::new));
    }
    // Each run writes its own result file; the merged one is written at the end.
    return options.build();
  }

  private static String setting(String name) {
    String value = System.getProperty(name);
    return value != null ? value : System.getenv(name);
  }

  private static void writeResultFile(CommandLineOptions cli, List<RunResult> results) {
    if (!cli.getResult().hasValue() && !cli.getResultFormat().hasValue()) {
      return;
    }
    ResultFormatType type = cli.getResultFormat().orElse(ResultFormatType.CSV);
    String file = cli.getResult().orElse("jmh-result." + type.toString().toLowerCase(Locale.ROOT));
    ResultFormatFactory.getInstance(type, file).writeOut(results);
    System.out.println("Merged results of all runs written to " + file);
  }

  /** Prints the summary; returns whether a targeted pair missed. */
  static boolean report(Collection<RunResult> results, List<Map<String, Result<?>>> rounds) {
    // Group by everything but the benchmark method: (threads, params) -> method -> result.
    Map<String, Map<String, Result<?>>> groups = new TreeMap<>();
    for (RunResult r : results) {
      groups.computeIfAbsent(describe(r.getParams()), k -> new LinkedHashMap<>())
          .put(method(r.getParams()), r.getPrimaryResult());
    }
    boolean missed = false;
    System.out.println();
    System.out.printf(Locale.ROOT, "== citadel-client SDK vs raw HikariCP + PgJDBC (target: SDK >= %.2fx raw) ==%n",
        TARGET);
    for (Map.Entry<String, Map<String, Result<?>>> group : groups.entrySet()) {
      Map<String, Result<?>> byMethod = group.getValue();
      System.out.println();
      System.out.println(group.getKey() + (rounds.isEmpty() ? "" : ", rounds=" + rounds.size()));
      System.out.printf(Locale.ROOT, "  %-22s %12s %14s %5s%n", "benchmark", "ops/s", "error (99.9%)", "n");
      byMethod.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> System.out.printf(Locale.ROOT, "  %-22s %12.1f %14s %5d%n", e.getKey(),
              e.getValue().getScore(), format(e.getValue().getScoreError(), "%.1f"),
              e.getValue().getStatistics().getN()));
      System.out.println();
      System.out.printf(Locale.ROOT, "  %-42s %8s %7s  %s%n", "pair", "ratio", "+/-", "verdict");
      for (Pair pair : PAIRS) {
        Result<?> sdk = byMethod.get(pair.sdk());
        Result<?> raw = byMethod.get(pair.raw());
        if (sdk == null || raw == null) {
          continue;
        }
        double ratio = sdk.getScore() / raw.getScore();
        double err = ratio * Math.hypot(sdk.getScoreError() / sdk.getScore(), raw.getScoreError() / raw.getScore());
        String verdict;
        if (pair.targeted()) {
          boolean pass = ratio >= TARGET;
          missed |= !pass;
          verdict = pass ? "PASS" : "MISS";
          if (!Double.isNaN(err) && ratio - err < TARGET && TARGET <= ratio + err) {
            verdict += " (" + TARGET + " within error)";
          }
        } else {
          verdict = "info, no target";
        }
        System.out.printf(Locale.ROOT, "  %-42s %7.3fx %7s  %s%n", pair.sdk() + " / " + pair.raw(), ratio,
            format(err, "%.3f"), verdict + " [" + pair.label() + "]");
        if (!rounds.isEmpty()) {
          StringBuilder each = new StringBuilder();
          for (Map<String, Result<?>> round : rounds) {
            Result<?> s = round.get(pair.sdk() + " " + group.getKey());
            Result<?> r = round.get(pair.raw() + " " + group.getKey());
            if (s != null && r != null) {
              each.append(String.format(Locale.ROOT, " %.3f", s.getScore() / r.getScore()));
            }
          }
          System.out.println("      per round:" + each);
        }
      }
    }
    System.out.println();
    System.out.println("Errors: JMH's 99.9% confidence half-widths over the measurement iterations (n); a ratio's"
        + " error adds both relative errors in quadrature. Client and server share the same cores.");
    return missed;
  }

  static String method(BenchmarkParams p) {
    return p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.') + 1);
  }

  static String describe(BenchmarkParams p) {
    StringBuilder s = new StringBuilder("threads=" + p.getThreads());
    for (String key : p.getParamsKeys()) {
      s.append(", ").append(key).append('=').append(p.getParam(key));
    }
    s.append(", forks=").append(p.getForks())
        .append(", warmup=").append(p.getWarmup().getCount()).append('x').append(p.getWarmup().getTime())
        .append(", measurement=").append(p.getMeasurement().getCount()).append('x')
        .append(p.getMeasurement().getTime());
    if (p.getTimeUnit() != TimeUnit.SECONDS) {
      s.append(", unit=").append(p.getTimeUnit());
    }
    return s.toString();
  }

  static String format(double value, String pattern) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, pattern, value);
  }
}
