package dev.citadel.client.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A database created for a test by {@link PostgresServer#createDatabase()}; {@link #close()} drops it.
 *
 * <p>{@code toString()} never contains the password.
 */
public interface TestDatabase extends AutoCloseable, ConfigValues {

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

  /**
   * Returns this database as citadel-client's {@code database.*} settings: host, port, database,
   * user and password.
   *
   * @return the values
   */
  @Override
  default Map<String, String> configValues() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("database.host", host());
    values.put("database.port", Integer.toString(port()));
    values.put("database.database", name());
    values.put("database.user", username());
    values.put("database.password", password());
    return values;
  }
}
