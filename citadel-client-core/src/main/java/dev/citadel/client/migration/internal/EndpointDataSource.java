package dev.citadel.client.migration.internal;

import dev.citadel.client.db.internal.ConnectionOnlyDataSource;
import dev.citadel.client.db.internal.PgEndpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import javax.sql.DataSource;

/**
 * An endpoint as the {@link DataSource} Flyway asks for: every connection is borrowed with
 * {@link PgEndpoint#acquire()}, so a migration fails as fast, and with the same failures, as the
 * SDK's own calls (a refused login ends the borrow at once instead of after the pool's wait).
 */
final class EndpointDataSource extends ConnectionOnlyDataSource {
  private final PgEndpoint endpoint;

  EndpointDataSource(PgEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return endpoint.acquire();
  }

  /** Refused: the endpoint logs in with the configured user only. */
  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("connections log in as database.user");
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return endpoint.dataSource().getLoginTimeout();
  }
}
