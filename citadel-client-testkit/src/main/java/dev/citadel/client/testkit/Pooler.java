package dev.citadel.client.testkit;

import dev.citadel.client.testkit.internal.Endpoints;
import java.util.Map;
import java.util.Objects;

/**
 * A connection pooler the test kit runs in front of a PostgreSQL server ({@link PgBouncer}, {@link Pgpool}): a real
 * process from the operating system's package, on a free port of {@code 127.0.0.1}, with generated configuration
 * and credentials. Clients connect to it with the PostgreSQL server's user names and passwords.
 *
 * <p>{@link #stop()} and {@link #start()} stop the process and start it again on the same port, to simulate a
 * pooler outage. {@link #close()} stops it for good and deletes its files; the kit also does that at JVM exit.
 * Thread-safe.
 */
public interface Pooler extends AutoCloseable {

  /**
   * Returns the address clients connect to.
   *
   * @return {@code 127.0.0.1}
   */
  String host();

  /**
   * Returns the port clients connect to; it stays the same across {@link #stop()} and {@link #start()}.
   *
   * @return the port
   */
  int port();

  /**
   * Builds a PgJDBC URL for a database behind this pooler.
   *
   * @param database the database name
   * @return {@code jdbc:postgresql://127.0.0.1:port/database}
   */
  String jdbcUrl(String database);

  /**
   * Returns {@code database} reached through this pooler, as configuration values: the database's
   * own {@code database.*} values with {@code database.host}/{@code database.port} naming the
   * pooler and {@code database.direct_host}/{@code database.direct_port} naming the PostgreSQL
   * server itself (for what a transaction pooler cannot carry: migrations, advisory locks).
   *
   * @param database a database of the server this pooler fronts
   * @return the values, read when asked
   */
  default ConfigValues database(TestDatabase database) {
    return Endpoints.through(Objects.requireNonNull(database, "database"), "database", host(), this::port,
        Map.of("database.direct_host", database.host(), "database.direct_port", Integer.toString(database.port())));
  }

  /**
   * Returns the pooler's version.
   *
   * @return e.g. {@code 1.18.0}
   */
  String version();

  /**
   * Returns how many server connections the pooler opens to PostgreSQL at most (per database and user).
   *
   * @return the size of its server-side pool
   */
  int serverConnections();

  /**
   * Stops the process without waiting for its clients (their connections break) and waits until it has exited.
   * Does nothing when it is stopped.
   */
  void stop();

  /**
   * Starts the process again on the same port and waits until it accepts connections. Does nothing when it runs.
   *
   * @throws IllegalStateException when it does not start or after {@link #close()}
   */
  void start();

  /** Stops the process and deletes its files. Idempotent. */
  @Override
  void close();
}
