package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.ConfigValues;
import dev.citadel.client.testkit.DedicatedPostgres;
import dev.citadel.client.testkit.ReplicatedPostgres;
import dev.citadel.client.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@link ReplicatedPostgres} from embedded servers: a primary and replicas copied from it. */
public final class EmbeddedReplicatedPostgres implements ReplicatedPostgres {
  private static final long CATCH_UP_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final EmbeddedPostgresServer primary;
  private final List<EmbeddedPostgresServer> replicas;

  private EmbeddedReplicatedPostgres(EmbeddedPostgresServer primary, List<EmbeddedPostgresServer> replicas) {
    this.primary = primary;
    this.replicas = List.copyOf(replicas);
  }

  /**
   * Starts the primary and {@code count} replicas and waits until each streams.
   *
   * @param settings for the OS user
   * @param count replicas to start
   * @return the running setup
   */
  public static EmbeddedReplicatedPostgres launch(Settings settings, int count) {
    EmbeddedPostgresServer primary = EmbeddedPostgresServer.launch(settings);
    List<EmbeddedPostgresServer> replicas = new ArrayList<>();
    try {
      for (int i = 1; i <= count; i++) {
        replicas.add(primary.startReplica("replica" + i));
      }
      EmbeddedReplicatedPostgres setup = new EmbeddedReplicatedPostgres(primary, replicas);
      setup.awaitStreaming(count);
      return setup;
    } catch (RuntimeException e) {
      replicas.forEach(EmbeddedPostgresServer::close);
      primary.close();
      throw e;
    }
  }

  private void awaitStreaming(int count) {
    long deadline = System.nanoTime() + CATCH_UP_NANOS;
    while (true) {
      try (Connection c = primary.adminConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")) {
        rs.next();
        if (rs.getInt(1) >= count) {
          return;
        }
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot ask the primary on port " + primary.port() + " about its replicas: "
            + e.getMessage(), e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The replicas of the primary on port " + primary.port()
            + " did not start streaming within 30 s");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }

  @Override
  public DedicatedPostgres primary() {
    return primary;
  }

  @Override
  public List<DedicatedPostgres> replicas() {
    return List.copyOf(replicas);
  }

  @Override
  public TestDatabase createDatabase() {
    TestDatabase database = primary.createDatabase("citadel_replicated");
    awaitReplicasCaughtUp();
    return database;
  }

  @Override
  public ConfigValues database(TestDatabase database) {
    Objects.requireNonNull(database, "database");
    return () -> {
      Map<String, String> values = new LinkedHashMap<>(database.configValues());
      values.remove("database.host");
      values.remove("database.port");
      values.put("database.hosts", Stream.concat(Stream.of(primary), replicas.stream())
          .map(s -> s.host() + ":" + s.port()).collect(Collectors.joining(",")));
      return values;
    };
  }

  @Override
  public void kill(DedicatedPostgres server) {
    EmbeddedPostgresServer node = node(server);
    node.kill();
    if (node != primary) {
      awaitNotStreaming(replicas.indexOf(node) + 1);
    }
  }

  /** Waits until a running primary no longer lists {@code replica<n>} in {@code pg_stat_replication}. */
  private void awaitNotStreaming(int n) {
    long deadline = System.nanoTime() + CATCH_UP_NANOS;
    while (System.nanoTime() < deadline) {
      try (Connection c = primary.adminConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(
              "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'replica" + n + "'")) {
        rs.next();
        if (rs.getInt(1) == 0) {
          return;
        }
      } catch (SQLException e) {
        return; // the primary is down too: nothing streams from it
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    throw new IllegalStateException("The primary on port " + primary.port() + " still lists replica" + n
        + " 30 s after it was killed");
  }

  @Override
  public void promote(DedicatedPostgres replica) {
    EmbeddedPostgresServer node = node(replica);
    if (node == primary) {
      throw new IllegalArgumentException("the first primary is no replica");
    }
    node.promote();
  }

  @Override
  public void pauseReplay(DedicatedPostgres replica) {
    admin(replica, "SELECT pg_wal_replay_pause()");
  }

  @Override
  public void resumeReplay(DedicatedPostgres replica) {
    admin(replica, "SELECT pg_wal_replay_resume()");
  }

  @Override
  public void awaitReplicasCaughtUp() {
    String target;
    try (Connection c = primary.adminConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
      rs.next();
      target = rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the primary's WAL position: " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + CATCH_UP_NANOS;
    for (EmbeddedPostgresServer replica : replicas) {
      while (!replayed(replica, target)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("The replica on port " + replica.port() + " did not replay " + target
              + " within 30 s");
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
    }
  }

  private static boolean replayed(EmbeddedPostgresServer replica, String lsn) {
    try (Connection c = replica.adminConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT NOT pg_is_in_recovery() OR pg_last_wal_replay_lsn() >= ?::pg_lsn")) {
      ps.setString(1, lsn);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    } catch (SQLException e) {
      return false; // not up yet, or stopped: asked again until the deadline
    }
  }

  private void admin(DedicatedPostgres server, String sql) {
    EmbeddedPostgresServer node = node(server);
    try (Connection c = node.adminConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed on port " + node.port() + ": " + e.getMessage(), e);
    }
  }

  private EmbeddedPostgresServer node(DedicatedPostgres server) {
    if (server == primary) {
      return primary;
    }
    for (EmbeddedPostgresServer replica : replicas) {
      if (replica == server) {
        return replica;
      }
    }
    throw new IllegalArgumentException("not a server of this setup: " + server);
  }

  @Override
  public void close() {
    replicas.forEach(EmbeddedPostgresServer::close);
    primary.close();
  }

  @Override
  public String toString() {
    return "ReplicatedPostgres[primary=" + primary.port() + ", replicas="
        + replicas.stream().map(r -> String.valueOf(r.port())).collect(Collectors.joining(",")) + "]";
  }
}
