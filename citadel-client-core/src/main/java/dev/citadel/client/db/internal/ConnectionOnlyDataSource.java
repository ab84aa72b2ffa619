package dev.citadel.client.db.internal;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The parts of a {@link DataSource} that the SDK's own data sources (the pool's login path, the
 * endpoint as Flyway sees it) do not use: no log writer (PgJDBC logs through
 * {@code java.util.logging}), no parent logger, a login timeout that callers cannot change (the
 * endpoint's {@code database.connect_timeout} applies), and nothing wrapped.
 */
public abstract class ConnectionOnlyDataSource implements DataSource {

  /** None. */
  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  /** Ignored. */
  @Override
  public void setLogWriter(PrintWriter out) {
    // PgJDBC logs through java.util.logging
  }

  /** Ignored: the {@code loginTimeout} property ({@code database.connect_timeout}) applies. */
  @Override
  public void setLoginTimeout(int seconds) {
    // HikariCP sets connection_timeout here; the login must keep the configured connect timeout.
  }

  /** Zero (none of its own) unless a subclass knows the endpoint's connect timeout. */
  @Override
  public int getLoginTimeout() throws SQLException {
    return 0;
  }

  /** Unsupported. */
  @Override
  public final Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no parent logger");
  }

  /** Itself, when it is a {@code type}; it wraps nothing else. */
  @Override
  public final <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper for " + type.getName());
  }

  /** Whether it is a {@code type} itself. */
  @Override
  public final boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
