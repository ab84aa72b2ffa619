package dev.citadel.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * SDK statements against the same statements on raw HikariCP + PgJDBC. Pairs share the statement
 * text, the parameter distribution and the row mapping ({@link Item#map}); the raw side does what
 * careful hand-written JDBC does: try-with-resources on connection, statement and result set, and
 * auto-commit on.
 *
 * <p>Four threads: on two cores shared by client and server, each call spends most of its time
 * waiting for the server, so four callers keep both cores busy without thrashing. The pools
 * ({@link PostgresFixture#poolSize}) are larger than that, so nobody waits for a connection.
 *
 * <p>Pairs (ratio = sdk / raw; the SDK target is >= 0.95):
 * <ul>
 *   <li>{@code sdkPointQuery} / {@code rawPointQuery}: one row by primary key;</li>
 *   <li>{@code sdkRangeScan100} / {@code rawRangeScan100}: 100 rows from a random id, in order.</li>
 * </ul>
 * Reported separately, outside the target: {@code sdkRoutedPointQuery} ({@code forModel} routing:
 * each statement in a transaction that starts with {@code SET LOCAL search_path}) and
 * {@code rawRoutedPointQuery}, the same transaction written by hand; and
 * {@code sdkObservedPointQuery}, the point query on a client whose metrics hook observes every
 * call into an {@code ObservationRegistry} without handlers ({@link ObservedDatabase}), against
 * {@code rawPointQuery} and against {@code sdkPointQuery} (the no-op hook).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(4)
public class QueryBenchmarks {
  static final String POINT = "SELECT id, name, price FROM items WHERE id = ?";
  static final String RANGE = "SELECT id, name, price FROM items WHERE id >= ? ORDER BY id LIMIT 100";
  static final int RANGE_ROWS = 100;
  static final String SET_SCHEMA = "SET LOCAL search_path TO \"" + PostgresFixture.MODEL_SCHEMA + "\"";

  // ---- point query --------------------------------------------------------------------------

  @Benchmark
  public Item sdkPointQuery(PostgresFixture f) {
    return sdkPoint(f, f.randomId());
  }

  @Benchmark
  public Item rawPointQuery(PostgresFixture f) throws SQLException {
    return rawPoint(f, f.randomId());
  }

  @Benchmark
  public Item sdkObservedPointQuery(PostgresFixture f, ObservedDatabase o) {
    return o.sdk.queryOne(POINT, Item.MAPPER, f.randomId());
  }

  // ---- 100-row range scan -------------------------------------------------------------------

  @Benchmark
  public List<Item> sdkRangeScan100(PostgresFixture f) {
    return sdkRange(f, f.randomRangeStart());
  }

  @Benchmark
  public List<Item> rawRangeScan100(PostgresFixture f) throws SQLException {
    return rawRange(f, f.randomRangeStart());
  }

  // ---- routing (informational, not part of the 0.95 target) ---------------------------------

  @Benchmark
  public Item sdkRoutedPointQuery(PostgresFixture f) {
    return sdkRoutedPoint(f, f.randomId());
  }

  @Benchmark
  public Item rawRoutedPointQuery(PostgresFixture f) throws SQLException {
    return rawRoutedPoint(f, f.randomId());
  }

  // ---- the work itself, also used by the fixture to check both sides agree -------------------

  static Item sdkPoint(PostgresFixture f, long id) {
    return f.sdk.queryOne(POINT, Item.MAPPER, id);
  }

  static Item sdkRoutedPoint(PostgresFixture f, long id) {
    return f.sdkRouted.queryOne(POINT, Item.MAPPER, id);
  }

  static List<Item> sdkRange(PostgresFixture f, long from) {
    return f.sdk.query(RANGE, Item.MAPPER, from);
  }

  static Item rawPoint(PostgresFixture f, long id) throws SQLException {
    try (Connection c = f.raw.getConnection()) {
      return pointOn(c, id);
    }
  }

  static List<Item> rawRange(PostgresFixture f, long from) throws SQLException {
    try (Connection c = f.raw.getConnection();
        PreparedStatement ps = c.prepareStatement(RANGE)) {
      ps.setLong(1, from);
      try (ResultSet rs = ps.executeQuery()) {
        List<Item> items = new ArrayList<>();
        while (rs.next()) {
          items.add(Item.map(rs));
        }
        return items;
      }
    }
  }

  /** What {@code forModel(...).queryOne} does, by hand: BEGIN; SET LOCAL search_path; query; COMMIT. */
  static Item rawRoutedPoint(PostgresFixture f, long id) throws SQLException {
    try (Connection c = f.raw.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (Statement s = c.createStatement()) {
          s.execute(SET_SCHEMA);
        }
        Item item = pointOn(c, id);
        c.commit();
        return item;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  private static Item pointOn(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(POINT)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no item " + id);
        }
        Item item = Item.map(rs);
        if (rs.next()) {
          throw new IllegalStateException("several items " + id);
        }
        return item;
      }
    }
  }
}
