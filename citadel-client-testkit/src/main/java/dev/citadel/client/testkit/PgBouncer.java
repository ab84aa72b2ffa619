package dev.citadel.client.testkit;

import dev.citadel.client.testkit.internal.PgBouncerServer;
import dev.citadel.client.testkit.internal.PoolerBinary;
import dev.citadel.client.testkit.internal.PoolerServer;
import dev.citadel.client.testkit.internal.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A real PgBouncer (the {@code pgbouncer} package of the operating system, not shipped by the kit) in front of a
 * PostgreSQL server, for tests of what transaction and session pooling do to clients.
 *
 * <p>It serves every database of the server under the same name, authenticates clients with SCRAM-SHA-256 against
 * the server's user (and any {@linkplain Builder#addUser added} ones) and logs in to PostgreSQL with the same
 * credentials. Defaults follow a production set-up: transaction pooling, {@code default_pool_size = 20},
 * {@code max_client_conn = 500}. When the JVM runs as root (CI containers) PgBouncer, which refuses root, runs with
 * {@code -u} and the unprivileged user of {@code CITADEL_TESTKIT_PG_OS_USER} (default {@code nobody}).
 *
 * <pre>{@code
 * PgBouncer.assumeInstalled();                       // skipped without the binary (fails under CI=true)
 * try (PgBouncer bouncer = PgBouncer.builder(CitadelTestKit.postgres()).start()) {
 *     String url = bouncer.jdbcUrl(db.name());       // same user and password as the server
 * }
 * }</pre>
 */
public final class PgBouncer extends ProcessPooler {

  /** PgBouncer's {@code pool_mode}. */
  public enum PoolMode {
    /** A server connection is a client's for the whole client connection. */
    SESSION,
    /** A server connection is a client's for one transaction only; session state does not survive it. */
    TRANSACTION
  }

  /** Default {@code default_pool_size}. */
  public static final int DEFAULT_POOL_SIZE = 20;
  /** Default {@code max_client_conn}. */
  public static final int DEFAULT_MAX_CLIENT_CONNECTIONS = 500;

  private final PoolerServer<PgBouncerServer.Config> server;
  private final PoolMode poolMode;

  private PgBouncer(PoolerServer<PgBouncerServer.Config> server, PoolMode poolMode) {
    super("PgBouncer", server.host(), server.process());
    this.server = server;
    this.poolMode = poolMode;
  }

  /**
   * Starts configuring a PgBouncer in front of {@code upstream}.
   *
   * @param upstream the PostgreSQL server; its user becomes PgBouncer's first user
   * @return a builder with the defaults
   */
  public static Builder builder(PostgresServer upstream) {
    return new Builder(Objects.requireNonNull(upstream, "upstream"));
  }

  /**
   * Tells whether the {@code pgbouncer} executable is installed.
   *
   * @return true when it is found in {@code PATH} or the system directories
   */
  public static boolean installed() {
    return PoolerBinary.PGBOUNCER.find() != null;
  }

  /**
   * Aborts the calling test (reported as skipped, naming the package to install) when {@code pgbouncer} is not
   * installed; fails it instead when the environment variable {@code CI} is {@code true}. Call it first in tests,
   * or in {@code @BeforeAll}, that need PgBouncer.
   *
   * @throws IllegalStateException under CI when the executable is missing
   */
  public static void assumeInstalled() {
    PoolerBinary.PGBOUNCER.assumeInstalled();
  }

  /**
   * Returns the pool mode.
   *
   * @return session or transaction
   */
  public PoolMode poolMode() {
    return poolMode;
  }

  @Override
  public String version() {
    return server.version();
  }

  @Override
  public int serverConnections() {
    return server.config().defaultPoolSize();
  }

  /** Configures and starts a {@link PgBouncer}. Not thread-safe. */
  public static final class Builder {
    private final PostgresServer upstream;
    private final Map<String, String> users = new LinkedHashMap<>();
    private PoolMode poolMode = PoolMode.TRANSACTION;
    private int defaultPoolSize = DEFAULT_POOL_SIZE;
    private int maxClientConnections = DEFAULT_MAX_CLIENT_CONNECTIONS;

    private Builder(PostgresServer upstream) {
      this.upstream = upstream;
      users.put(upstream.username(), upstream.password());
    }

    /**
     * Sets the pool mode.
     *
     * @param value session or transaction (default)
     * @return this builder
     */
    public Builder poolMode(PoolMode value) {
      this.poolMode = Objects.requireNonNull(value, "poolMode");
      return this;
    }

    /**
     * Sets {@code default_pool_size}: server connections per database and user.
     *
     * @param value at least 1 (default 20)
     * @return this builder
     */
    public Builder defaultPoolSize(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("defaultPoolSize must be at least 1, was " + value);
      }
      this.defaultPoolSize = value;
      return this;
    }

    /**
     * Sets {@code max_client_conn}: client connections accepted at once.
     *
     * @param value at least 1 (default 500)
     * @return this builder
     */
    public Builder maxClientConnections(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxClientConnections must be at least 1, was " + value);
      }
      this.maxClientConnections = value;
      return this;
    }

    /**
     * Lets another PostgreSQL user log in through PgBouncer; PgBouncer logs in to PostgreSQL as that user with
     * that password. Create the role on the server yourself.
     *
     * @param name the user name
     * @param password its password
     * @return this builder
     */
    public Builder addUser(String name, String password) {
      users.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(password, "password"));
      return this;
    }

    /**
     * Writes the configuration and starts PgBouncer on a free port of {@code 127.0.0.1}, waiting until a login
     * through it works.
     *
     * @return the running PgBouncer; close it, or leave it to the JVM shutdown hook
     * @throws IllegalStateException when {@code pgbouncer} is not installed or does not start
     */
    public PgBouncer start() {
      PoolerServer<PgBouncerServer.Config> server = PgBouncerServer.launch(Settings.fromEnvironment(),
          new PgBouncerServer.Config(
          upstream.host(), upstream.port(), upstream.adminDatabase(), users,
          poolMode == PoolMode.TRANSACTION, defaultPoolSize, maxClientConnections));
      return new PgBouncer(server, poolMode);
    }
  }
}
