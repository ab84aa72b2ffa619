package dev.citadel.client.db.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.config.ResilienceConfig;
import dev.citadel.client.db.Endpoint;
import dev.citadel.client.db.PoolStats;
import dev.citadel.client.metrics.CallObservation;
import dev.citadel.client.metrics.CallTarget;
import dev.citadel.client.metrics.CitadelMetrics;
import dev.citadel.client.spi.BackendCalls;
import dev.citadel.client.spi.ResiliencePolicy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL endpoint: its HikariCP pool (created on first use), its resilience policy and
 * its metrics. Thread-safe.
 */
public final class PgEndpoint implements AutoCloseable {
  /** {@code db.system.name} of the OpenTelemetry semantic conventions. */
  static final String DB_SYSTEM = "postgresql";
  private static final Logger LOG = LoggerFactory.getLogger(PgEndpoint.class);

  private final String clientName;
  private final Endpoint endpoint;
  private final String backend;
  private final DatabaseConfig config;
  private final CitadelMetrics metrics;
  private final ResiliencePolicy policy;
  private final AutoCloseable breakerGauge;
  private final ConnectionSetup connectionSetup;
  private final Statements statements;
  private final BackendCalls calls;
  private volatile HikariDataSource pool;
  private volatile LoginWatch logins;
  private volatile boolean closed;

  /**
   * An endpoint of {@code config}; opens nothing yet. How its connections are set up (statement
   * timeout, prepared statements) is decided by {@link ConnectionSetup}: here when the config
   * declares a transaction pooler, otherwise on the first connection.
   *
   * @param metrics the caller's hook; a breaker gauge is registered now and removed on close
   */
  public PgEndpoint(
      String clientName,
      Endpoint endpoint,
      DatabaseConfig config,
      ResilienceConfig resilience,
      CitadelMetrics metrics) {
    this.clientName = clientName;
    this.endpoint = endpoint;
    this.backend = "postgres-" + endpoint.name().toLowerCase(Locale.ROOT);
    this.config = config;
    this.metrics = metrics;
    this.policy = ResiliencePolicy.create(backend, resilience, SqlFailures.INSTANCE);
    this.breakerGauge = metrics.registerBreaker(clientName, backend, policy::breakerState);
    this.connectionSetup = new ConnectionSetup(backend, config.statementTimeout(), transactionPooled(),
        endpoint == Endpoint.POOLED
            ? "database.transaction_pooler is false: set it to true to declare the pooler."
            : "database.direct_host and database.direct_port should point at PostgreSQL itself.");
    this.statements = new Statements(connectionSetup);
    this.calls = BackendCalls.create(metrics,
        new CallTarget(clientName, backend, DB_SYSTEM, config.database(), host(), port()));
  }

  /** Which endpoint this is. */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** Its name in messages and metrics: {@code postgres-pooled} or {@code postgres-direct}. */
  public String backend() {
    return backend;
  }

  /** Its retry policy and circuit breaker. */
  public ResiliencePolicy policy() {
    return policy;
  }

  /** Runs statements on this endpoint's connections, with its statement timeout. */
  Statements statements() {
    return statements;
  }

  /** What the endpoint does with server sessions, as declared or detected so far. */
  ConnectionSetup.Sessions sessions() {
    return connectionSetup.sessions();
  }

  /** Its calls in its database ({@code db.namespace}); routed paths derive theirs from it. */
  BackendCalls calls() {
    return calls;
  }

  /** The pool, created on first call. */
  public HikariDataSource dataSource() {
    HikariDataSource p = pool;
    if (p == null) {
      synchronized (this) {
        if (closed) {
          throw new IllegalStateException(backend + ": the client is closed");
        }
        p = pool;
        if (p == null) {
          LoginWatch watch = loginWatch();
          HikariConfig h = hikariConfig();
          h.setDataSource(watch);
          p = new HikariDataSource(h);
          watch.watch(p);
          logins = watch;
          LOG.info("{}: pool {} started for {}:{}/{}", backend, p.getPoolName(), host(), port(),
              config.database());
          pool = p;
        }
      }
    }
    return p;
  }

  /** Whether the pool exists yet. */
  public boolean started() {
    return pool != null;
  }

  /**
   * Borrows a connection; the caller closes it. Failures are marked as never sent. While the pool
   * holds no connection, a refused login fails the borrow at once (see {@link LoginWatch}).
   */
  public Connection acquire() throws SQLException {
    if (closed) {
      throw new IllegalStateException(backend + ": the client is closed");
    }
    try {
      dataSource();
      return logins.borrow();
    } catch (SQLException e) {
      throw new AcquisitionFailure(e);
    }
  }

  /**
   * Runs {@code work} under the endpoint's policy as one call of {@code calls}: observed from the
   * caller's thread and timed, retries included. Each attempt of {@code work} borrows its own
   * connection (with {@link #acquire()}), so a failed borrow is retried as unsent.
   *
   * @param calls this endpoint's {@link #calls()}, or a routed path's
   */
  <T> T call(BackendCalls calls, String operation, boolean idempotent, Callable<T> work) {
    long start = System.nanoTime();
    CallObservation call = calls.start(operation);
    Throwable failure = null;
    try {
      return policy.call(idempotent, work);
    } catch (RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      calls.end(call, operation, start, failure);
    }
  }

  /** A snapshot of the pool; zeros (and the configured maximum) before it exists. */
  public PoolStats stats() {
    HikariDataSource p = pool;
    PoolConfig pc = poolConfig();
    if (p == null || p.getHikariPoolMXBean() == null) {
      return new PoolStats(0, 0, 0, 0, pc.maxConnections());
    }
    HikariPoolMXBean mx = p.getHikariPoolMXBean();
    return new PoolStats(
        mx.getActiveConnections(),
        mx.getIdleConnections(),
        mx.getThreadsAwaitingConnection(),
        mx.getTotalConnections(),
        pc.maxConnections());
  }

  private boolean transactionPooled() {
    return endpoint == Endpoint.POOLED && config.transactionPooler();
  }

  private String host() {
    return endpoint == Endpoint.POOLED ? config.host() : config.directHost();
  }

  private int port() {
    return endpoint == Endpoint.POOLED ? config.port() : config.directPort();
  }

  private PoolConfig poolConfig() {
    return endpoint == Endpoint.POOLED ? config.pool() : config.directPool();
  }

  private HikariConfig hikariConfig() {
    PoolConfig pc = poolConfig();
    HikariConfig h = new HikariConfig();
    h.setPoolName(clientName + "-" + backend);
    h.setUsername(config.user());
    h.setPassword(config.password().reveal());
    h.setMinimumIdle(pc.minConnections());
    h.setMaximumPoolSize(pc.maxConnections());
    h.setConnectionTimeout(pc.waitTimeout().toMillis());
    h.setValidationTimeout(Math.min(5_000, Math.max(250, pc.waitTimeout().toMillis() - 1)));
    h.setIdleTimeout(pc.idleTimeout().toMillis());
    h.setMaxLifetime(pc.maxLifetime().toMillis());
    // Start without connecting: an endpoint that is down at start-up must not fail the host app,
    // and callers get typed errors (and the breaker) instead.
    h.setInitializationFailTimeout(-1);
    metrics.poolMetricsTrackerFactory().ifPresent(h::setMetricsTrackerFactory);
    return h;
  }

  /** The data source the pool opens its connections with: URL and PgJDBC properties. */
  private LoginWatch loginWatch() {
    String host = host();
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    String url = "jdbc:postgresql://" + host + ":" + port() + "/"
        + URLEncoder.encode(config.database(), StandardCharsets.UTF_8);
    long connectSeconds = Math.max(1, config.connectTimeout().toSeconds());
    Properties props = new Properties();
    props.setProperty("ApplicationName", config.applicationName());
    props.setProperty("connectTimeout", String.valueOf(connectSeconds));
    props.setProperty("loginTimeout", String.valueOf(connectSeconds));
    props.setProperty("cancelSignalTimeout", String.valueOf(connectSeconds));
    // Bounds every read: without it a hung server or a half-open connection (failover without a
    // reset, a NAT that dropped its state) blocks a call until TCP gives up, 15 min to 2 h later.
    props.setProperty("socketTimeout", String.valueOf(socketTimeoutSeconds(config)));
    props.setProperty("tcpKeepAlive", "true");
    props.setProperty("reWriteBatchedInserts", "true");
    props.setProperty("sslmode", config.tls().mode().value());
    if (config.tls().caFile() != null) {
      props.setProperty("sslrootcert", config.tls().caFile());
    }
    if (transactionPooled()) {
      // PgBouncer in transaction mode hands the server session to other clients between
      // transactions: named server-side prepared statements would vanish or collide.
      props.setProperty("prepareThreshold", "0");
    }
    return new LoginWatch(url, props, connectionSetup);
  }

  /** PgJDBC's {@code socketTimeout}: whole seconds, rounded up; 0 for none. */
  static long socketTimeoutSeconds(DatabaseConfig config) {
    long ms = config.socketTimeout().toMillis();
    return (ms + 999) / 1000;
  }

  /** Closes the pool and removes the breaker gauge; idempotent. */
  @Override
  public void close() {
    HikariDataSource p;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      p = pool;
    }
    try {
      if (p != null) {
        p.close();
        LOG.info("{}: pool {} closed", backend, p.getPoolName());
      }
    } finally {
      try {
        breakerGauge.close();
      } catch (Exception e) {
        LOG.debug("{}: removing breaker meter failed", backend, e);
      }
    }
  }
}
