package dev.citadel.client.testkit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** Opens PgJDBC connections without relying on {@link java.sql.DriverManager} class-loader lookup. */
public final class Jdbc {

  private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();

  private Jdbc() {
  }

  /**
   * Builds {@code jdbc:postgresql://host:port/database}, bracketing IPv6 literals.
   *
   * @param host the host
   * @param port the port
   * @param database the database
   * @return the URL
   */
  public static String url(String host, int port, String database) {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "jdbc:postgresql://" + h + ":" + port + "/" + database;
  }

  /**
   * Connects.
   *
   * @param url the JDBC URL
   * @param user the user
   * @param password the password
   * @return an open connection
   * @throws SQLException on failure
   */
  public static Connection connect(String url, String user, String password) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password == null ? "" : password);
    props.setProperty("connectTimeout", "10");
    props.setProperty("socketTimeout", "120");
    props.setProperty("ApplicationName", "citadel-testkit");
    Connection connection = DRIVER.connect(url, props);
    if (connection == null) {
      throw new SQLException("PgJDBC does not accept the URL " + url);
    }
    return connection;
  }
}
