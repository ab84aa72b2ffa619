package dev.citadel.client.testkit;

/**
 * A running PostgreSQL server for tests, as returned by {@link CitadelTestKit#postgres()}.
 *
 * <p>Implementations are thread-safe. {@code toString()} never contains the password.
 */
public interface PostgresServer {

  /**
   * Tells where this server comes from.
   *
   * @return the source of this server
   */
  ServerSource source();

  /**
   * Returns the host name or address clients connect to.
   *
   * @return the host, e.g. {@code 127.0.0.1}
   */
  String host();

  /**
   * Returns the TCP port clients connect to.
   *
   * @return the port
   */
  int port();

  /**
   * Returns the user name tests connect as; this user may create databases.
   *
   * @return the user name
   */
  String username();

  /**
   * Returns the password of {@link #username()}.
   *
   * @return the password, possibly empty but never {@code null}
   */
  String password();

  /**
   * Returns the name of a database that always exists and that {@link #username()} may connect to.
   *
   * @return the administrative database, e.g. {@code postgres}
   */
  String adminDatabase();

  /**
   * Builds a PgJDBC URL for a database of this server.
   *
   * @param database the database name
   * @return {@code jdbc:postgresql://host:port/database}
   */
  String jdbcUrl(String database);

  /**
   * Returns the server's {@code server_version} setting as reported when the server was resolved.
   *
   * @return the version, e.g. {@code 17.6}
   */
  String version();

  /**
   * Creates a fresh, empty database with a unique name, meant for one test or one test class.
   * Closing the returned handle drops the database.
   *
   * @return the new database
   * @throws IllegalStateException when the database cannot be created
   */
  TestDatabase createDatabase();

  /**
   * Creates a fresh, empty database named {@code namePrefix} plus a random suffix, for a
   * database that should say what it is for (e.g. {@code citadel_example_3f9a01c2d4}). Closing
   * the returned handle drops the database.
   *
   * @param namePrefix lower-case letters, digits and {@code _}, starting with a letter or {@code _},
   *     at most 41 characters
   * @return the new database
   * @throws IllegalArgumentException when {@code namePrefix} is not such a name
   * @throws IllegalStateException when the database cannot be created
   */
  TestDatabase createDatabase(String namePrefix);

  /**
   * Tells whether {@link #stop()} and {@link #start()} are supported; true for {@link ServerSource#EMBEDDED}.
   *
   * @return true when the server process can be stopped and started again
   */
  boolean controllable();

  /**
   * Stops the server process (fast shutdown: open connections are terminated) and waits until it is down.
   * Does nothing when it is already stopped.
   *
   * @throws UnsupportedOperationException when {@link #controllable()} is false
   */
  void stop();

  /**
   * Starts the server process again on the same port with the same data and waits until it accepts
   * connections. Does nothing when it is already running.
   *
   * @throws UnsupportedOperationException when {@link #controllable()} is false
   */
  void start();
}
