package dev.citadel.client.db.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a borrow fail as soon as the server refuses the pool's login (a wrong password, an unknown
 * database: {@link LoginRefusal}). HikariCP opens connections on its own thread and retries a
 * refused login until {@code connection_timeout}, so every caller would wait that long for an error
 * that retrying cannot fix. The pool opens its connections through this data source (PgJDBC,
 * without {@link java.sql.DriverManager}), which sees each refusal and throws it as a
 * {@link LoginRefusal}: while the pool holds no connection at all, a refusal wakes every borrow
 * waiting in {@link #borrow()}, and those fail with it. A pool that still holds connections is
 * left alone, since its borrowers may get one of them back.
 */
final class LoginWatch extends ConnectionOnlyDataSource {
  private static final Driver DRIVER = new org.postgresql.Driver();

  private final String url;
  private final Properties properties;
  private final ConnectionSetup setup;
  private final Set<Borrow> borrows = ConcurrentHashMap.newKeySet();
  private volatile HikariDataSource pool;

  /**
   * @param url the JDBC URL, without credentials
   * @param properties PgJDBC connection properties, without user and password
   * @param setup applied to each connection it opens, before the pool sees it
   */
  LoginWatch(String url, Properties properties, ConnectionSetup setup) {
    this.url = url;
    this.properties = properties;
    this.setup = setup;
  }

  /** The pool whose borrows {@link #borrow()} makes; set once, right after creating it. */
  void watch(HikariDataSource pool) {
    this.pool = pool;
  }

  /**
   * Borrows a connection from the pool.
   *
   * @throws SQLException the pool's failure, or the refused login that ended the wait
   */
  Connection borrow() throws SQLException {
    HikariPoolMXBean mx = pool.getHikariPoolMXBean();
    if (mx != null && mx.getTotalConnections() > 0) {
      // The usual case; such a pool is left alone (above), so nothing needs to find this borrow.
      return pool.getConnection();
    }
    Borrow borrow = new Borrow(Thread.currentThread());
    borrows.add(borrow);
    try {
      return pool.getConnection();
    } catch (SQLException e) {
      LoginRefusal refusal = borrow.finish();
      if (refusal == null) {
        throw e;
      }
      // A copy per borrower: the refusal itself belongs to HikariCP's thread.
      throw new LoginRefusal(refusal.reason(), refusal);
    } finally {
      borrows.remove(borrow);
      borrow.finish();
    }
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    Properties props = new Properties();
    props.putAll(properties);
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    try {
      Connection connection = connect(props);
      try {
        return setup.prepare(connection, () -> connect(props));
      } catch (SQLException | RuntimeException e) {
        closeQuietly(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      LoginRefusal.Reason reason = SqlFailures.refusalOf(e);
      if (reason == null) {
        throw e;
      }
      LoginRefusal refusal = new LoginRefusal(reason, e);
      HikariDataSource p = pool;
      HikariPoolMXBean mx = p == null ? null : p.getHikariPoolMXBean();
      if (mx != null && mx.getTotalConnections() == 0) {
        borrows.forEach(b -> b.refuse(refusal));
      }
      throw refusal;
    }
  }

  private Connection connect(Properties props) throws SQLException {
    Connection connection = DRIVER.connect(url, props);
    if (connection == null) {
      throw new SQLException("PgJDBC does not accept the URL " + url);
    }
    return connection;
  }

  private static void closeQuietly(Connection connection, Exception cause) {
    try {
      connection.close();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    return getConnection(null, null);
  }

  @Override
  public int getLoginTimeout() {
    // HikariCP waits this long for its connection-adding thread when the pool closes; 0 would
    // make it give up (and warn) before an idle thread had even exited.
    return Integer.parseInt(properties.getProperty("loginTimeout", "0"));
  }

  /** One thread waiting in the pool. */
  private static final class Borrow {
    private final Thread thread;
    private LoginRefusal refusal; // guarded by this
    private boolean finished;     // guarded by this

    Borrow(Thread thread) {
      this.thread = thread;
    }

    /** Wakes the waiting thread (HikariCP then fails its borrow) unless it is done already. */
    synchronized void refuse(LoginRefusal e) {
      if (!finished && refusal == null) {
        refusal = e;
        thread.interrupt();
      }
    }

    /**
     * Ends the borrow, clearing the interrupt {@link #refuse} caused (under the same lock, so it
     * has landed). An application's own interrupt arriving in the same instant is lost with it.
     *
     * @return the refusal that woke it, or null
     */
    synchronized LoginRefusal finish() {
      if (!finished) {
        finished = true;
        if (refusal != null) {
          Thread.interrupted();
        }
      }
      return refusal;
    }
  }
}
