package dev.citadel.client.db.internal;

import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.db.PoolStats;
import dev.citadel.client.health.HealthCheck;
import dev.citadel.client.health.HealthStatus;
import dev.citadel.client.migration.internal.MigrationRunner;
import dev.citadel.client.resilience.BreakerState;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The database part of a health report (seed 000 §6.1 and §7.1.2): both endpoints reachable
 * with server version, database and user; every model schema present; migrations applied; pool
 * counts. One attempt per check, no retries: a report is quick and never throws. An endpoint
 * that gives no connection says why first ({@code login refused}, {@code database does not exist}
 * or {@code unreachable}), as {@link SqlFailures} words it for calls.
 */
public final class DatabaseHealth {
  /** The name of the pooled endpoint's pooler check. */
  public static final String POOLER_CHECK = "postgres.pooler";

  private DatabaseHealth() {}

  /** The name of the replication check (only with replicas configured). */
  public static final String REPLICATION_CHECK = "postgres.replication";

  /**
   * @param read the read endpoint when the config has replicas (several hosts or read hosts of
   *     their own), else null: then no read or replication lines
   */
  public static List<HealthCheck> check(DatabaseConfig config, PgEndpoint pooled, PgEndpoint direct,
      PgEndpoint read, MigrationRunner migrations) {
    List<HealthCheck> checks = new ArrayList<>();
    Connection directConnection = null;
    // Why the direct endpoint gave no connection, for the checks that need one.
    String directDown = null;
    // Why the pooled endpoint gave no connection, for its pooler line.
    String[] pooledDown = {"unreachable"};
    try {
      checks.add(reach(pooled, null, why -> pooledDown[0] = why));
      HealthCheck directCheck;
      long start = System.nanoTime();
      try {
        directConnection = direct.acquire();
        directCheck = reach(direct, directConnection, why -> { });
      } catch (SQLException e) {
        directCheck = HealthCheck.down("postgres.direct", SqlFailures.describeConnectFailure(e), since(start));
        directDown = "not checked: direct endpoint " + SqlFailures.connectFailureKind(e);
      }
      checks.add(directCheck);
      // A direct endpoint that did not answer is not asked again: each further check would wait
      // out database.socket_timeout once more.
      Connection answered = directCheck.isUp() ? directConnection : null;
      if (answered == null && directDown == null) {
        directDown = "not checked: direct endpoint unreachable";
      }
      checks.addAll(schemas(config, answered, directDown));
      checks.add(migrationCheck(direct, answered, directDown, migrations));
      if (read != null) {
        checks.add(reach(read, null, why -> { }));
        checks.add(replication(answered, directDown, read));
      }
    } finally {
      if (directConnection != null) {
        try {
          directConnection.close();
        } catch (SQLException ignored) {
          // returned to the pool or evicted either way
        }
      }
    }
    checks.add(pool(pooled));
    checks.add(pool(direct));
    if (read != null) {
      checks.add(pool(read));
    }
    checks.add(pooler(pooled, pooledDown[0]));
    return checks;
  }

  /**
   * {@code postgres.pooler}: what is in front of PostgreSQL on the pooled endpoint, as declared by
   * {@code database.transaction_pooler} or detected on its first connection. A transaction pooler
   * the config does not declare is UP (the endpoint runs pooler-safe) and says so, with the
   * attributes {@code transaction_pooler: true, declared: false}; the doctor fails that line.
   */
  static HealthCheck pooler(PgEndpoint pooled, String pooledDown) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    ConnectionSetup.Sessions sessions = pooled.sessions();
    if (sessions == ConnectionSetup.Sessions.UNKNOWN) {
      return HealthCheck.down(POOLER_CHECK, "not checked: pooled endpoint " + pooledDown, Duration.ZERO);
    }
    attrs.put("transaction_pooler", sessions.transactionPooled());
    attrs.put("declared", sessions == ConnectionSetup.Sessions.TRANSACTION_POOLED_DECLARED);
    String detail = switch (sessions) {
      case TRANSACTION_POOLED_DECLARED -> "transaction pooler (database.transaction_pooler: true): no named"
          + " prepared statements, no session settings, statement timeout cancelled from the client";
      case TRANSACTION_POOLED_DETECTED -> "transaction pooler detected, but database.transaction_pooler is false:"
          + " running pooler-safe (no named prepared statements, no session settings); set it to true";
      default -> "no transaction pooler: each connection keeps its server session";
    };
    return HealthCheck.up(POOLER_CHECK, detail, attrs, Duration.ZERO);
  }

  /**
   * {@code postgres.replication}: which server is the primary (the direct endpoint's), the
   * replicas streaming from it with their replay lag (seconds and bytes, from
   * {@code pg_stat_replication}: needs a superuser or {@code pg_monitor} to see the columns), and
   * the lag of the server the read endpoint reaches. DOWN when the direct endpoint reached a
   * standby, or no replica streams (reads are then served by the primary).
   */
  static HealthCheck replication(Connection primary, String directDown, PgEndpoint read) {
    if (primary == null) {
      return HealthCheck.down(REPLICATION_CHECK, directDown, Duration.ZERO);
    }
    long start = System.nanoTime();
    Map<String, Object> attrs = new LinkedHashMap<>();
    StringBuilder replicas = new StringBuilder();
    int streaming = 0;
    try {
      String primaryAddress;
      try (PreparedStatement ps = primary.prepareStatement(
              "SELECT host(inet_server_addr()) || ':' || inet_server_port(), pg_is_in_recovery()");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        primaryAddress = rs.getString(1);
        if (rs.getBoolean(2)) {
          return new HealthCheck(REPLICATION_CHECK, HealthStatus.DOWN, "the direct endpoint reached a standby ("
              + primaryAddress + "): no primary among database.direct_hosts", attrs, since(start));
        }
      }
      attrs.put("primary", primaryAddress);
      double maxSeconds = 0;
      long maxBytes = 0;
      try (PreparedStatement ps = primary.prepareStatement("SELECT application_name, host(client_addr), state,"
              + " COALESCE(EXTRACT(EPOCH FROM replay_lag), 0)::float8,"
              + " pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::int8 FROM pg_stat_replication"
              + " ORDER BY application_name");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String state = rs.getString(3);
          if ("streaming".equals(state)) {
            streaming++;
          }
          double seconds = rs.getDouble(4);
          long bytes = rs.getLong(5);
          boolean visible = !rs.wasNull();
          maxSeconds = Math.max(maxSeconds, seconds);
          maxBytes = Math.max(maxBytes, bytes);
          replicas.append(replicas.length() == 0 ? "" : ", ").append(rs.getString(1))
              .append(rs.getString(2) == null ? "" : "@" + rs.getString(2)).append(' ').append(state)
              .append(visible ? String.format(Locale.ROOT, " lag %.1fs/%dB", seconds, bytes)
                  : " (lag not visible: grant pg_monitor)");
        }
      }
      attrs.put("replicas_streaming", streaming);
      attrs.put("max_lag_seconds", maxSeconds);
      attrs.put("max_lag_bytes", maxBytes);
    } catch (SQLException e) {
      return HealthCheck.down(REPLICATION_CHECK, "not checked: " + e.getMessage(), since(start));
    }
    String readSide;
    try (Connection c = read.acquire();
        PreparedStatement ps = c.prepareStatement("SELECT host(inet_server_addr()) || ':' || inet_server_port(),"
            + " pg_is_in_recovery(), (" + ReplicaLag.LAG_SQL + ")");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      attrs.put("read_server", rs.getString(1));
      attrs.put("read_lag_seconds", rs.getDouble(3));
      readSide = "; reads served by " + (rs.getBoolean(2) ? "replica " : "the primary ") + rs.getString(1)
          + (rs.getBoolean(2) ? String.format(Locale.ROOT, " (replay lag %.1fs)", rs.getDouble(3)) : "");
    } catch (SQLException | RuntimeException e) {
      readSide = "; read endpoint " + SqlFailures.connectFailureKind(e);
    }
    String detail = "primary " + attrs.get("primary") + ", " + streaming + " replica(s) streaming"
        + (replicas.length() == 0 ? "" : ": " + replicas) + readSide;
    return streaming > 0
        ? HealthCheck.up(REPLICATION_CHECK, detail, attrs, since(start))
        : new HealthCheck(REPLICATION_CHECK, HealthStatus.DOWN, detail
            + " (no replica streams from the primary: reads fall back to it)", attrs, since(start));
  }

  /** The endpoint's line; {@code down} hears why it gave no answer ("login refused", ...). */
  private static HealthCheck reach(PgEndpoint endpoint, Connection given, Consumer<String> down) {
    String name = "postgres." + endpoint.endpoint().name().toLowerCase(Locale.ROOT);
    long start = System.nanoTime();
    Connection c = given;
    try {
      if (c == null) {
        c = endpoint.acquire();
      }
      try (PreparedStatement ps = c.prepareStatement(
              "SELECT current_setting('server_version'), current_database(), current_user, version()");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("server_version", rs.getString(1));
        attrs.put("database", rs.getString(2));
        attrs.put("user", rs.getString(3));
        attrs.put("version", rs.getString(4));
        Duration took = since(start);
        attrs.put("latency_ms", took.toMillis());
        return HealthCheck.up(name,
            "PostgreSQL " + rs.getString(1) + ", database " + rs.getString(2) + ", user " + rs.getString(3),
            attrs, took);
      }
    } catch (SQLException | RuntimeException e) {
      down.accept(SqlFailures.connectFailureKind(e));
      return HealthCheck.down(name, SqlFailures.describeConnectFailure(e), since(start));
    } finally {
      if (given == null && c != null) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // evicted by the pool if broken
        }
      }
    }
  }

  private static List<HealthCheck> schemas(DatabaseConfig config, Connection c, String directDown) {
    Set<String> wanted = new LinkedHashSet<>(config.models().values());
    List<HealthCheck> out = new ArrayList<>();
    if (c == null) {
      wanted.forEach(s -> out.add(HealthCheck.down("schema." + s, directDown, Duration.ZERO)));
      return out;
    }
    long start = System.nanoTime();
    Set<String> present = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT nspname FROM pg_namespace WHERE nspname = ANY (?)")) {
      Array names = c.createArrayOf("text", wanted.toArray());
      ps.setArray(1, names);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          present.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      wanted.forEach(s -> out.add(HealthCheck.down("schema." + s, "not checked: " + e.getMessage(), since(start))));
      return out;
    }
    Duration took = since(start);
    for (String schema : wanted) {
      out.add(present.contains(schema)
          ? HealthCheck.up("schema." + schema, "present", Map.of("schema", schema), took)
          : HealthCheck.down("schema." + schema, "missing (run migrate())", took));
    }
    return out;
  }

  private static HealthCheck migrationCheck(
      PgEndpoint direct, Connection c, String directDown, MigrationRunner runner) {
    long start = System.nanoTime();
    if (c == null) {
      return HealthCheck.down("migrations", directDown, Duration.ZERO);
    }
    try {
      MigrationRunner.Status s = runner.status(direct);
      Map<String, Object> attrs = new LinkedHashMap<>();
      attrs.put("applied", s.applied());
      attrs.put("pending", s.pending());
      attrs.put("version", s.version());
      String detail = s.applied() + " applied, " + s.pending() + " pending"
          + (s.version() == null ? "" : ", at version " + s.version());
      if (s.failed()) {
        return new HealthCheck("migrations", HealthStatus.DOWN,
            detail + "; a migration FAILED (see the Flyway history table)", attrs, since(start));
      }
      if (s.pending() > 0 || s.applied() == 0) {
        return new HealthCheck("migrations", HealthStatus.DOWN,
            detail + " (run migrate())", attrs, since(start));
      }
      return HealthCheck.up("migrations", detail, attrs, since(start));
    } catch (RuntimeException e) {
      return HealthCheck.down("migrations", e.getMessage(), since(start));
    }
  }

  private static HealthCheck pool(PgEndpoint endpoint) {
    PoolStats s = endpoint.stats();
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("active", s.active());
    attrs.put("idle", s.idle());
    attrs.put("waiting", s.waiting());
    attrs.put("total", s.total());
    attrs.put("max", s.max());
    attrs.put("breaker", endpoint.policy().breakerState().name());
    String name = "pool." + endpoint.endpoint().name().toLowerCase(Locale.ROOT);
    String detail = String.format("active=%d idle=%d waiting=%d total=%d max=%d breaker=%s",
        s.active(), s.idle(), s.waiting(), s.total(), s.max(), endpoint.policy().breakerState());
    return endpoint.policy().breakerState() == BreakerState.OPEN
        ? new HealthCheck(name, HealthStatus.DOWN, detail, attrs, Duration.ZERO)
        : HealthCheck.up(name, detail, attrs, Duration.ZERO);
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
