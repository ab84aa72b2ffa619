package dev.citadel.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.Endpoint;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.SqlClient;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.PostgresServer;
import dev.citadel.client.testkit.TestConfig;
import dev.citadel.client.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One PostgreSQL database with an {@code items} table, and the two clients under comparison: the
 * SDK's {@link Database} and a raw {@link HikariDataSource} over plain PgJDBC, with the same pool
 * size, JDBC URL and credentials. Shared by all benchmark threads of a trial (one per fork).
 *
 * <p>The server comes from the test kit: embedded PostgreSQL 17 on 127.0.0.1 unless
 * {@code CITADEL_TEST_POSTGRES_HOST} / {@code CITADEL_TESTKIT_MODE} say otherwise. Credentials are
 * only ever read from the kit, never written down.
 */
@State(Scope.Benchmark)
public class PostgresFixture {
  /** The model whose schema the routed benchmarks use (one of the SDK's default models). */
  static final String MODEL = "mixtral";
  static final String MODEL_SCHEMA = "mixtral";

  /** Connections in each pool (min = max, a fixed-size pool on both sides); keep it >= threads. */
  @Param("8")
  public int poolSize;

  /** Rows in {@code items} (ids 1..rows). */
  @Param("100000")
  public int rows;

  /**
   * The SDK's statement timeout: its default (30 s) unless {@code -Dbench.statementTimeoutMs=N}
   * is passed to the forked JVM ({@code -jvmArgsAppend}), to attribute the server's per-statement
   * timer cost (0 disables the timeout).
   */
  private static final Duration STATEMENT_TIMEOUT =
      Duration.ofMillis(Long.getLong("bench.statementTimeoutMs", DatabaseConfig.DEFAULT_STATEMENT_TIMEOUT.toMillis()));

  TestDatabase database;
  /** The SDK's config for {@link #database}, for other clients of the same run (same pool settings). */
  CitadelConfig sdkConfig;
  Database sdk;
  SqlClient sdkRouted;
  HikariDataSource raw;

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) throws SQLException {
    if (rows < QueryBenchmarks.RANGE_ROWS) {
      throw new IllegalArgumentException("rows must be at least " + QueryBenchmarks.RANGE_ROWS);
    }
    if (poolSize < params.getThreads()) {
      System.out.printf("[fixture] WARNING: poolSize=%d < threads=%d: both sides will also measure waiting"
          + " for a connection%n", poolSize, params.getThreads());
    }
    PostgresServer server = CitadelTestKit.postgres();
    database = server.createDatabase();

    sdkConfig = CitadelConfig.fromValues(TestConfig.of(database).with("client.name", "bench")
        .with("database.pool.min_connections", poolSize).with("database.pool.max_connections", poolSize)
        .with("database.statement_timeout", STATEMENT_TIMEOUT).values());
    sdk = Database.create(sdkConfig);
    sdk.migrate(); // model schemas, for the routed benchmarks

    HikariConfig h = new HikariConfig();
    h.setPoolName("raw");
    h.setJdbcUrl(database.jdbcUrl());
    h.setUsername(database.username());
    h.setPassword(database.password());
    h.setMinimumIdle(poolSize);
    h.setMaximumPoolSize(poolSize);
    h.setAutoCommit(true);
    raw = new HikariDataSource(h);

    load();
    sdkRouted = sdk.forModel(MODEL);

    // Start the SDK's lazily created pool, then wait until both pools hold all their connections,
    // so neither side pays for connection set-up inside a measured iteration.
    sdk.queryOne("SELECT 1", RowMapper.column(Integer.class));
    awaitFull("sdk", () -> sdk.poolStats(Endpoint.POOLED).total());
    awaitFull("raw", () -> raw.getHikariPoolMXBean().getTotalConnections());

    verifySameResults();
    try (Connection c = raw.getConnection(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT current_setting('server_version'), current_setting('ssl'),"
            + " current_setting('shared_buffers'), pg_size_pretty(pg_total_relation_size('public.items'))")) {
      rs.next();
      System.out.printf("[fixture] PostgreSQL %s on %s:%d (%s), ssl=%s, shared_buffers=%s, items=%d rows (%s),"
              + " pools: sdk=%d raw=%d%n",
          rs.getString(1), database.host(), database.port(), server.source(), rs.getString(2),
          rs.getString(3), rows, rs.getString(4), poolSize, poolSize);
    }
  }

  private void load() throws SQLException {
    try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE public.items (id bigint PRIMARY KEY, name text NOT NULL,"
          + " price numeric(12,2) NOT NULL, created_at timestamptz NOT NULL)");
      s.execute("INSERT INTO public.items (id, name, price, created_at)"
          + " SELECT g, 'item-' || g, round((random() * 1000)::numeric, 2), now() - g * interval '1 second'"
          + " FROM generate_series(1, " + rows + ") AS g");
      // Same rows in the model's schema, for the routed statements (unqualified "items").
      s.execute("CREATE TABLE " + MODEL_SCHEMA + ".items (LIKE public.items INCLUDING ALL)");
      s.execute("INSERT INTO " + MODEL_SCHEMA + ".items SELECT * FROM public.items");
      s.execute("VACUUM ANALYZE public.items");
      s.execute("VACUUM ANALYZE " + MODEL_SCHEMA + ".items");
    }
  }

  void awaitFull(String side, IntSupplier total) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (total.getAsInt() < poolSize) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(side + " pool did not reach " + poolSize + " connections");
      }
      try {
        // HikariCP fills a pool in the background and signals nothing when it is full, so the
        // fixture polls, bounded by the deadline above, before any measurement starts.
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Both sides must return the same rows, or the comparison means nothing. */
  private void verifySameResults() throws SQLException {
    long id = rows / 2;
    check("point", List.of(QueryBenchmarks.sdkPoint(this, id)), List.of(QueryBenchmarks.rawPoint(this, id)));
    check("routed point", List.of(QueryBenchmarks.sdkRoutedPoint(this, id)),
        List.of(QueryBenchmarks.rawRoutedPoint(this, id)));
    check("point (routed vs default)", List.of(QueryBenchmarks.sdkRoutedPoint(this, id)),
        List.of(QueryBenchmarks.sdkPoint(this, id)));
    List<Item> sdkRange = QueryBenchmarks.sdkRange(this, id);
    if (sdkRange.size() != QueryBenchmarks.RANGE_ROWS) {
      throw new IllegalStateException("range scan returned " + sdkRange.size() + " rows");
    }
    check("range", sdkRange, QueryBenchmarks.rawRange(this, id));
  }

  private static void check(String what, List<Item> a, List<Item> b) {
    if (!a.equals(b)) {
      throw new IllegalStateException(what + ": SDK and raw results differ: " + a + " vs " + b);
    }
  }

  /** A uniformly random existing id. */
  long randomId() {
    return ThreadLocalRandom.current().nextLong(1, rows + 1L);
  }

  /** A random first id such that the range scan always finds {@link QueryBenchmarks#RANGE_ROWS} rows. */
  long randomRangeStart() {
    return ThreadLocalRandom.current().nextLong(1, rows - QueryBenchmarks.RANGE_ROWS + 2L);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      if (sdk != null) {
        sdk.close();
      }
    } finally {
      try {
        if (raw != null) {
          raw.close();
        }
      } finally {
        if (database != null) {
          database.close();
        }
      }
    }
  }
}
