package dev.citadel.client.testkit;

import dev.citadel.client.testkit.internal.EmbeddedReplicatedPostgres;
import dev.citadel.client.testkit.internal.Settings;
import java.util.List;

/**
 * A PostgreSQL primary with hot-standby replicas streaming from it, for failover and read-scaling tests. Always
 * embedded (the kit's PostgreSQL 17 binaries, servers on free ports of {@code 127.0.0.1}), whatever source the
 * shared server has: each replica starts as a copy of the cleanly stopped primary with {@code standby.signal}
 * and a {@code primary_conninfo} (the bundle has no {@code pg_basebackup}). Nodes are {@link DedicatedPostgres}
 * servers: stop, start, and {@link #kill}, {@link #promote}, {@link #pauseReplay} here.
 *
 * <p>{@link #close()} stops every server and deletes its data; the kit also does that at JVM exit.
 *
 * <pre>{@code
 * try (ReplicatedPostgres pg = ReplicatedPostgres.start(1)) {
 *   TestDatabase db = pg.createDatabase();
 *   CitadelConfig config = CitadelConfig.fromValues(CitadelTestKit.config(pg.database(db)).values());
 *   ...
 *   pg.kill(pg.primary());
 *   pg.promote(pg.replicas().get(0));
 * }
 * }</pre>
 */
public interface ReplicatedPostgres extends AutoCloseable {

  /**
   * Starts a primary and {@code replicas} replicas streaming from it, and waits until every replica streams.
   *
   * @param replicas 1 or 2 (more would only load the machine)
   * @return the running servers
   * @throws IllegalArgumentException when {@code replicas} is not 1 or 2
   * @throws IllegalStateException when a server cannot start
   */
  static ReplicatedPostgres start(int replicas) {
    if (replicas < 1 || replicas > 2) {
      throw new IllegalArgumentException("replicas: must be 1 or 2, was " + replicas);
    }
    return EmbeddedReplicatedPostgres.launch(Settings.fromEnvironment(), replicas);
  }

  /**
   * Returns the server started as the primary (it stays so unless killed; a promoted replica is then the
   * primary).
   *
   * @return the first primary
   */
  DedicatedPostgres primary();

  /**
   * Returns the replicas, in start order ({@code application_name} {@code replica1}, {@code replica2}).
   *
   * @return the replicas
   */
  List<DedicatedPostgres> replicas();

  /**
   * Creates a fresh database on the primary and waits until every running replica has replayed it.
   *
   * @return the database (its {@code configValues()} name the primary alone; use {@link #database})
   */
  TestDatabase createDatabase();

  /**
   * Returns {@code database} as citadel-client settings naming every server: {@code database.hosts} (the
   * primary, then the replicas), database, user and password. The SDK then writes to whichever is the primary
   * and reads from a replica.
   *
   * @param database a database of {@link #createDatabase()}
   * @return the values
   */
  ConfigValues database(TestDatabase database);

  /**
   * Kills {@code server}'s postmaster with SIGKILL (a crashed host: no shutdown, no checkpoint) and waits until
   * it is gone; for a replica, also until a running primary no longer lists it as streaming.
   *
   * @param server a node of this setup
   */
  void kill(DedicatedPostgres server);

  /**
   * Promotes {@code replica} to a primary ({@code pg_ctl promote}) and waits until it accepts writes. The SDK
   * never promotes: an operator or a tool does, as here.
   *
   * @param replica a replica of this setup
   */
  void promote(DedicatedPostgres replica);

  /**
   * Pauses WAL replay on {@code replica} ({@code pg_wal_replay_pause()}): it keeps receiving but stops
   * applying, so it lags behind the primary until {@link #resumeReplay}.
   *
   * @param replica a replica of this setup
   */
  void pauseReplay(DedicatedPostgres replica);

  /**
   * Resumes WAL replay on {@code replica} ({@code pg_wal_replay_resume()}).
   *
   * @param replica a replica of this setup
   */
  void resumeReplay(DedicatedPostgres replica);

  /**
   * Waits until every running replica has replayed what the primary has written so far.
   *
   * @throws IllegalStateException when one does not within 30 s
   */
  void awaitReplicasCaughtUp();

  /** Stops every server at once and deletes its data. Idempotent. */
  @Override
  void close();
}
