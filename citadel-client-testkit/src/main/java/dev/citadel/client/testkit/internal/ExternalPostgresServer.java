package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.ServerSource;

import java.sql.SQLException;

/** A PostgreSQL server named by {@code CITADEL_TEST_POSTGRES_*} variables; it is neither started nor stopped. */
public final class ExternalPostgresServer extends BasePostgresServer {

  private ExternalPostgresServer(String host, int port, String user, String password, String database) {
    super(ServerSource.EXTERNAL, host, port, user, password, database);
  }

  /**
   * Connects to the server named by the settings and reads its version. Databases created through it and not
   * closed are dropped when the JVM exits.
   *
   * @param settings must name {@link Settings#POSTGRES_HOST}
   * @return the server
   * @throws IllegalStateException when the host is not set or the server cannot be reached
   */
  public static ExternalPostgresServer connect(Settings settings) {
    String host = settings.get(Settings.POSTGRES_HOST);
    if (host == null) {
      throw new IllegalStateException(Settings.POSTGRES_HOST + " is not set: no external PostgreSQL is named");
    }
    int port = settings.port(Settings.POSTGRES_PORT, 5432);
    String user = settings.get(Settings.POSTGRES_USER, "postgres");
    String password = settings.raw(Settings.POSTGRES_PASSWORD);
    String database = settings.get(Settings.POSTGRES_DATABASE, "postgres");
    ExternalPostgresServer server = new ExternalPostgresServer(host, port, user, password, database);
    try {
      server.readVersion();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot connect to the external PostgreSQL at " + host + ":" + port
          + " (database " + database + ", user " + user + ") named by " + Settings.POSTGRES_HOST + ": "
          + e.getMessage(), e);
    }
    Shutdown.register("drop test databases left on " + server, server::dropOpenDatabases);
    return server;
  }
}
