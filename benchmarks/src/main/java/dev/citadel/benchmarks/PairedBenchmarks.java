package dev.citadel.benchmarks;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The pairs of {@link QueryBenchmarks} measured in one JVM, alternating sides every iteration:
 * iterations 0, 2, 4, ... (warm-up included) run the raw side, 1, 3, 5, ... the SDK side, with the
 * same fixture, threads and JIT state. On a machine whose background load comes and goes, two
 * neighbouring iterations see nearly the same conditions, so the SDK/raw ratio of each
 * neighbouring pair is far less noisy than a ratio of two separate forks minutes apart.
 *
 * <p>JMH's own score for these methods mixes both sides and means nothing; {@code CoreBenchmarks
 * --paired} splits the iterations by side and reports each side and the paired ratios. Same work
 * per call as {@link QueryBenchmarks}: the very same methods are called.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(4)
public class PairedBenchmarks {

  /** Which side the current iteration runs; flipped before every iteration, warm-up included. */
  @State(Scope.Benchmark)
  public static class Side {
    int iteration = -1;
    boolean sdk;

    @Setup(Level.Iteration)
    public void flip() {
      iteration++;
      sdk = iteration % 2 == 1;
    }
  }

  /** Side of overall iteration {@code index} (warm-up iterations count). */
  static boolean sdkSide(int index) {
    return index % 2 == 1;
  }

  @Benchmark
  public Object pointQuery(PostgresFixture f, Side side) throws SQLException {
    long id = f.randomId();
    return side.sdk ? QueryBenchmarks.sdkPoint(f, id) : QueryBenchmarks.rawPoint(f, id);
  }

  @Benchmark
  public Object rangeScan100(PostgresFixture f, Side side) throws SQLException {
    long from = f.randomRangeStart();
    return side.sdk ? QueryBenchmarks.sdkRange(f, from) : QueryBenchmarks.rawRange(f, from);
  }

  @Benchmark
  public Object routedPointQuery(PostgresFixture f, Side side) throws SQLException {
    long id = f.randomId();
    return side.sdk ? QueryBenchmarks.sdkRoutedPoint(f, id) : QueryBenchmarks.rawRoutedPoint(f, id);
  }

  @Benchmark
  public Object observedPointQuery(PostgresFixture f, ObservedDatabase o, Side side) throws SQLException {
    long id = f.randomId();
    return side.sdk ? o.sdk.queryOne(QueryBenchmarks.POINT, Item.MAPPER, id) : QueryBenchmarks.rawPoint(f, id);
  }
}
