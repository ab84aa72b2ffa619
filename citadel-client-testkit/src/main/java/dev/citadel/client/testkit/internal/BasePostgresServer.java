package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.PostgresServer;
import dev.citadel.client.testkit.ServerSource;
import dev.citadel.client.testkit.TestDatabase;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What every PostgreSQL source shares: connection data, database creation, version, description. */
public abstract class BasePostgresServer extends BaseServer implements PostgresServer {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong COUNTER = new AtomicLong();

  private final String username;
  private final String password;
  private final String adminDatabase;
  private final Set<PgTestDatabase> openDatabases = ConcurrentHashMap.newKeySet();

  /**
   * Creates the shared part.
   *
   * @param source where the server comes from
   * @param host the host
   * @param port the port
   * @param username the user
   * @param password the password, never null
   * @param adminDatabase a database the user can connect to
   */
  protected BasePostgresServer(ServerSource source, String host, int port, String username, String password,
      String adminDatabase) {
    super(source, "PostgreSQL", host, port);
    this.username = username;
    this.password = password == null ? "" : password;
    this.adminDatabase = adminDatabase;
  }

  @Override
  public String username() {
    return username;
  }

  @Override
  public String password() {
    return password;
  }

  @Override
  public String adminDatabase() {
    return adminDatabase;
  }

  @Override
  public String jdbcUrl(String database) {
    return Jdbc.url(host(), port(), database);
  }

  /**
   * Connects to the admin database and reads {@code server_version}.
   *
   * @throws SQLException on failure
   */
  protected void readVersion() throws SQLException {
    try (Connection connection = adminConnection();
      Statement statement = connection.createStatement();
      ResultSet rs = statement.executeQuery("SELECT current_setting('server_version')")) {
      rs.next();
      version(rs.getString(1));
    }
  }

  /**
   * Opens a connection to {@link #adminDatabase()}.
   *
   * @return the connection
   * @throws SQLException on failure
   */
  public Connection adminConnection() throws SQLException {
    return Jdbc.connect(jdbcUrl(adminDatabase), username, password);
  }

  @Override
  public TestDatabase createDatabase() {
    return createDatabase("citadel_test_" + COUNTER.incrementAndGet());
  }

  @Override
  public TestDatabase createDatabase(String namePrefix) {
    if (!namePrefix.matches("[a-z_][a-z0-9_]{0,40}")) {
      throw new IllegalArgumentException("namePrefix: '" + namePrefix + "' is not [a-z_][a-z0-9_]{0,40}");
    }
    String name = namePrefix + "_" + Long.toHexString(RANDOM.nextLong() & 0xffffffffffL).toLowerCase(Locale.ROOT);
    try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + quote(name));
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + name + " on " + this + ": " + e.getMessage(), e);
    }
    PgTestDatabase database = new PgTestDatabase(this, name);
    openDatabases.add(database);
    return database;
  }

  void dropDatabase(PgTestDatabase database) {
    try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + quote(database.name()) + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot drop database " + database.name() + " on " + this + ": "
          + e.getMessage(), e);
    }
    openDatabases.remove(database);
  }

  /**
   * Drops the databases created by this server object and not closed yet (for servers that outlive the JVM).
   */
  protected void dropOpenDatabases() {
    List<PgTestDatabase> open = new ArrayList<>(openDatabases);
    for (PgTestDatabase database : open) {
      database.close();
    }
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  @Override
  public String toString() {
    return describe("PostgresServer", ", user=" + username);
  }
}
