package dev.citadel.client.db;

import dev.citadel.client.CitadelException;
import dev.citadel.client.ConfigException;
import dev.citadel.client.UnknownModelException;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.ResilienceConfig;
import dev.citadel.client.db.internal.DatabaseHealth;
import dev.citadel.client.db.internal.EndpointSqlClient;
import dev.citadel.client.db.internal.PgEndpoint;
import dev.citadel.client.db.internal.ReadRouting;
import dev.citadel.client.db.internal.ReplicaLag;
import dev.citadel.client.db.internal.TlsAdvice;
import dev.citadel.client.health.HealthReport;
import dev.citadel.client.metrics.CitadelMetrics;
import dev.citadel.client.migration.MigrationResult;
import dev.citadel.client.migration.internal.MigrationRunner;
import dev.citadel.client.resilience.BreakerState;
import java.sql.Connection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL client: a pooled endpoint (Pgpool-II / PgBouncer, or PostgreSQL itself) and a
 * direct endpoint, each with a HikariCP pool created on first use, a retry policy and a circuit
 * breaker. As a {@link SqlClient} it runs statements on the pooled endpoint with the default
 * search path; {@link #forModel} routes to one model's schema; {@link #direct()} uses the direct
 * endpoint; {@link #reads()} the read endpoint (replicas preferred, the primary as fallback).
 * With several {@code database.hosts}, the pooled and direct endpoints connect to whichever is
 * the primary, so writes follow a promotion without a restart.
 *
 * <p>Create one per application with {@link #create(CitadelConfig)} and share it: it is
 * thread-safe. {@link #close()} closes both pools.
 *
 * <pre>{@code
 * try (Database db = Database.create(CitadelConfig.load(Path.of("database.yaml")))) {
 *   db.migrate();
 *   SqlClient mixtral = db.forModel("mixtral");
 *   mixtral.update("INSERT INTO usage_statistics (request_id, prompt_tokens) VALUES (?, ?)", id, 42);
 * }
 * }</pre>
 */
public final class Database implements SqlClient, AutoCloseable {
  private final DatabaseConfig config;
  private final ModelRegistry models;
  private final PgEndpoint pooled;
  private final PgEndpoint direct;
  private final PgEndpoint read;
  private final ReadRouting readRouting;
  private final ReplicaLag replicaLag;
  private final SqlClient pooledClient;
  private final SqlClient directClient;
  private final MigrationRunner migrations;
  private final ConcurrentMap<String, SqlClient> routed = new ConcurrentHashMap<>();

  private Database(String clientName, DatabaseConfig config, ResilienceConfig resilience, CitadelMetrics metrics) {
    this.config = config;
    this.models = ModelRegistry.of(config);
    this.pooled = new PgEndpoint(clientName, Endpoint.POOLED, config, resilience, metrics);
    this.direct = new PgEndpoint(clientName, Endpoint.DIRECT, config, resilience, metrics);
    this.read = new PgEndpoint(clientName, Endpoint.READ, config, resilience, metrics);
    this.readRouting = new ReadRouting(read, pooled, config.transactionMaxAttempts(), config.replicaWaitTimeout());
    this.replicaLag = replicated(config) ? new ReplicaLag(clientName, read, metrics) : null;
    this.pooledClient = new EndpointSqlClient(pooled, null, config.transactionMaxAttempts(), readRouting);
    this.directClient = new EndpointSqlClient(direct, null, config.transactionMaxAttempts(), readRouting);
    this.migrations = new MigrationRunner(config);
    TlsAdvice.warning(config).ifPresent(LoggerFactory.getLogger(Database.class)::warn);
  }

  /**
   * A client for {@code config}'s database section, with no metrics. Opens no connection yet.
   *
   * @throws ConfigException when the config has no database section
   */
  public static Database create(CitadelConfig config) {
    return create(config, CitadelMetrics.NOOP);
  }

  /**
   * A client reporting to {@code metrics} (which stays the caller's). Opens no connection yet;
   * migrates first when {@code database.migrations.run_on_start} is set.
   *
   * @throws ConfigException when the config has no database section
   */
  public static Database create(CitadelConfig config, CitadelMetrics metrics) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(metrics, "metrics");
    DatabaseConfig db = config.databaseSection()
        .orElseThrow(() -> new ConfigException("database", "is not configured"));
    Database database = new Database(config.clientName(), db, config.resilience(), metrics);
    if (db.migrations().runOnStart()) {
      try {
        database.migrate();
      } catch (RuntimeException e) {
        database.close();
        throw e;
      }
    }
    return database;
  }

  /** The configuration this client was built from. */
  public DatabaseConfig config() {
    return config;
  }

  /** The registered models and their schemas. */
  public ModelRegistry models() {
    return models;
  }

  /**
   * Statements routed to {@code model}'s schema on the pooled endpoint. Each statement (or each
   * {@code inTransaction}) runs in a transaction that sets {@code search_path} with
   * {@code SET LOCAL} to that schema only, so unqualified names resolve there and nothing leaks
   * to the connection's next borrower, behind PgBouncer transaction pooling too.
   *
   * @throws UnknownModelException when {@code model} is not registered
   */
  public SqlClient forModel(String model) {
    String schema = models.schemaFor(model);
    return routed.computeIfAbsent(schema,
        s -> new EndpointSqlClient(pooled, s, config.transactionMaxAttempts(), readRouting));
  }

  /**
   * Statements on the read endpoint ({@link Endpoint#READ}: {@code database.read_hosts}, default
   * {@code database.hosts}): a hot-standby replica when one answers, chosen at random per new
   * connection, else the primary. For reads: transactions run {@code READ ONLY} and replicas refuse
   * writes; a plain statement that reaches the primary is not checked. Replicas lag: what you just wrote may
   * not be there yet; see {@link #reads(WalPosition)}. {@code forModel(m).reads()} routes too.
   * Its pool (sized by {@code database.pool.*}) is created on first use.
   */
  @Override
  public SqlClient reads() {
    return readRouting.reads(null);
  }

  /**
   * Reads that see every write committed before {@code seen} was taken with
   * {@link #writePosition()}: each call waits until its replica has replayed {@code seen}, up to
   * {@code database.replica_wait_timeout}, else runs read-only on the primary (the pooled
   * endpoint). Cost: one extra round trip per call on the replica, plus the wait.
   */
  @Override
  public SqlClient reads(WalPosition seen) {
    return readRouting.reads(null, seen);
  }

  /**
   * The primary's WAL insert position ({@code pg_current_wal_insert_lsn()}), read on the pooled
   * endpoint: every transaction committed before this call is at or before it, so
   * {@link #reads(WalPosition)} with it sees them. One round trip to the primary.
   *
   * @throws dev.citadel.client.UnavailableException when the primary cannot be reached
   */
  public WalPosition writePosition() {
    return pooledClient.queryOne("SELECT pg_current_wal_insert_lsn()::text", rs -> new WalPosition(rs.getString(1)));
  }

  /** Whether the config names several servers or read hosts of their own: replicas to watch. */
  private static boolean replicated(DatabaseConfig config) {
    return config.readHostsConfigured() || config.hosts().size() > 1;
  }

  /** Statements on the direct endpoint, with the default search path. */
  public SqlClient direct() {
    return directClient;
  }

  /** Statements on {@code endpoint}, with the default search path. */
  public SqlClient on(Endpoint endpoint) {
    return switch (Objects.requireNonNull(endpoint, "endpoint")) {
      case POOLED -> pooledClient;
      case DIRECT -> directClient;
      case READ -> reads();
    };
  }

  /**
   * The live pool of {@code endpoint}, for libraries that take a {@link DataSource}. Do not close
   * it; this client does. Connections from it bypass retries and the breaker.
   */
  public DataSource dataSource(Endpoint endpoint) {
    return endpointOf(endpoint).dataSource();
  }

  /**
   * Borrows a connection from {@code endpoint} (the counterpart of the seed's
   * {@code get_postgres_connection(use_pool)}), retrying transient failures. You own it: close
   * it, and leave no session state behind on the pooled endpoint.
   *
   * @throws dev.citadel.client.UnavailableException when none can be had
   */
  public Connection connection(Endpoint endpoint) {
    PgEndpoint e = endpointOf(endpoint);
    return e.policy().call(true, e::acquire);
  }

  /**
   * Applies pending migrations over the direct endpoint: citadel-client's V1 (model schemas), V2
   * (per-model LLM tables) and V3 (metadata tables), then provisions models registered since,
   * then the host's {@code database.migrations.locations}. Running it again is a no-op.
   *
   * @throws dev.citadel.client.AuthenticationException when the server refuses the login, as fast
   *     as on a query ({@link dev.citadel.client.UnknownDatabaseException} when the database does
   *     not exist)
   * @throws CitadelException when a migration fails
   */
  public MigrationResult migrate() {
    return migrations.migrate(direct);
  }

  /** Reachability, server facts, schemas, migrations and pool counts. Never throws for an outage. */
  public HealthReport health() {
    return HealthReport.of(DatabaseHealth.check(config, pooled, direct, replicated(config) ? read : null, migrations));
  }

  /** A snapshot of {@code endpoint}'s pool (zeros before first use). */
  public PoolStats poolStats(Endpoint endpoint) {
    return endpointOf(endpoint).stats();
  }

  /** The state of {@code endpoint}'s circuit breaker. */
  public BreakerState breakerState(Endpoint endpoint) {
    return endpointOf(endpoint).policy().breakerState();
  }

  private PgEndpoint endpointOf(Endpoint endpoint) {
    return switch (Objects.requireNonNull(endpoint, "endpoint")) {
      case POOLED -> pooled;
      case DIRECT -> direct;
      case READ -> read;
    };
  }

  @Override
  public Endpoint endpoint() {
    return Endpoint.POOLED;
  }

  @Override
  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
    return pooledClient.query(sql, mapper, params);
  }

  @Override
  public <T> T queryOne(String sql, RowMapper<T> mapper, Object... params) {
    return pooledClient.queryOne(sql, mapper, params);
  }

  @Override
  public <T> Optional<T> queryOptional(String sql, RowMapper<T> mapper, Object... params) {
    return pooledClient.queryOptional(sql, mapper, params);
  }

  @Override
  public <T> Stream<T> stream(String sql, RowMapper<T> mapper, Object... params) {
    return pooledClient.stream(sql, mapper, params);
  }

  @Override
  public int update(String sql, Object... params) {
    return pooledClient.update(sql, params);
  }

  @Override
  public int[] batch(String sql, List<Object[]> rows) {
    return pooledClient.batch(sql, rows);
  }

  @Override
  public <T, X extends Exception> T inTransaction(TransactionOptions options, TransactionCallback<T, X> work)
      throws X {
    return pooledClient.inTransaction(options, work);
  }

  /** Closes the pools (idempotent). In-flight calls fail with typed errors. */
  @Override
  public void close() {
    try {
      if (replicaLag != null) {
        replicaLag.close();
      }
    } finally {
      try {
        read.close();
      } finally {
        try {
          direct.close();
        } finally {
          pooled.close();
        }
      }
    }
  }

  @Override
  public String toString() {
    return "Database[pooled=" + String.join(",", config.hosts()) + ", direct=" + String.join(",", config.directHosts())
        + (replicated(config) ? ", read=" + String.join(",", config.readHosts()) : "") + ", database=" + config.database() + ", user=" + config.user()
        + ", models=" + models.models().size() + "]";
  }
}
