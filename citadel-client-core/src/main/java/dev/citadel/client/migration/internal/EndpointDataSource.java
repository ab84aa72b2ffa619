package dev.citadel.client.migration.internal;

import dev.citadel.client.db.internal.PgEndpoint;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * An endpoint as the {@link DataSource} Flyway asks for: every connection is borrowed with
 * {@link PgEndpoint#acquire()}, so a migration fails as fast, and with the same failures, as the
 * SDK's own calls (a refused login ends the borrow at once instead of after the pool's wait).
 */
final class EndpointDataSource implements DataSource {
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
  public PrintWriter getLogWriter() throws SQLException {
    return endpoint.dataSource().getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    endpoint.dataSource().setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) {
    // The endpoint's connect timeout applies.
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return endpoint.dataSource().getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no parent logger");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper for " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
