package dev.citadel.client.testkit;

/**
 * A database created for a test by {@link PostgresServer#createDatabase()}; {@link #close()} drops it.
 *
 * <p>{@code toString()} never contains the password.
 */
public interface TestDatabase extends AutoCloseable {

  /**
   * Returns the unique name of this database.
   *
   * @return the database name
   */
  String name();

  /**
   * Returns the host of the server holding this database.
   *
   * @return the host
   */
  String host();

  /**
   * Returns the port of the server holding this database.
   *
   * @return the port
   */
  int port();

  /**
   * Returns the user name to connect with.
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
   * Returns the PgJDBC URL of this database.
   *
   * @return {@code jdbc:postgresql://host:port/name}
   */
  String jdbcUrl();

  /**
   * Drops the database with {@code DROP DATABASE ... WITH (FORCE)}, terminating open connections to it.
   * Calling it again after a successful drop does nothing.
   *
   * @throws IllegalStateException when the database cannot be dropped, e.g. because the server is stopped
   */
  @Override
  void close();
}
