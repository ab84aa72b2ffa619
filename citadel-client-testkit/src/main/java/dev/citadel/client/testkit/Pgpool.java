package dev.citadel.client.testkit;

import dev.citadel.client.testkit.internal.PgpoolServer;
import dev.citadel.client.testkit.internal.PoolerBinary;
import dev.citadel.client.testkit.internal.PoolerServer;
import dev.citadel.client.testkit.internal.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A real Pgpool-II (the {@code pgpool2} package of the operating system, not shipped by the kit) in front of one
 * PostgreSQL server, as a connection cache: streaming-replication mode with that server as its only (primary) node,
 * no load balancing, no failover. Each client connection is served by one of {@code num_init_children} child
 * processes, which keeps its server connection between clients and resets it ({@code DISCARD ALL}) when a client
 * disconnects.
 *
 * <p>Clients log in with SCRAM-SHA-256 as the server's user (and any {@linkplain Builder#addUser added} ones);
 * Pgpool-II logs in to PostgreSQL with the same credentials. When the JVM runs as root it runs as the unprivileged
 * user of {@code CITADEL_TESTKIT_PG_OS_USER} (default {@code nobody}).
 *
 * <pre>{@code
 * Pgpool.assumeInstalled();                          // skipped without the binary (fails under CI=true)
 * try (Pgpool pgpool = Pgpool.builder(CitadelTestKit.postgres()).numInitChildren(48).start()) {
 *     String url = pgpool.jdbcUrl(db.name());
 * }
 * }</pre>
 */
public final class Pgpool extends ProcessPooler {

  /** Default {@code num_init_children} (Pgpool-II's own default). */
  public static final int DEFAULT_NUM_INIT_CHILDREN = 32;

  private final PoolerServer<PgpoolServer.Config> server;

  private Pgpool(PoolerServer<PgpoolServer.Config> server) {
    super("Pgpool-II", server.host(), server.process());
    this.server = server;
  }

  /**
   * Starts configuring a Pgpool-II in front of {@code upstream}.
   *
   * @param upstream the PostgreSQL server; its user becomes Pgpool-II's first user
   * @return a builder with the defaults
   */
  public static Builder builder(PostgresServer upstream) {
    return new Builder(Objects.requireNonNull(upstream, "upstream"));
  }

  /**
   * Tells whether the {@code pgpool} executable is installed.
   *
   * @return true when it is found in {@code PATH} or the system directories
   */
  public static boolean installed() {
    return PoolerBinary.PGPOOL.find() != null;
  }

  /**
   * Aborts the calling test (reported as skipped, naming the package to install) when {@code pgpool} is not
   * installed; fails it instead when the environment variable {@code CI} is {@code true}.
   *
   * @throws IllegalStateException under CI when the executable is missing
   */
  public static void assumeInstalled() {
    PoolerBinary.PGPOOL.assumeInstalled();
  }

  /**
   * Returns the version Pgpool-II reports.
   *
   * @return e.g. {@code 4.3.5 (tamahomeboshi)}
   */
  @Override
  public String version() {
    return server.version();
  }

  /**
   * Returns {@code num_init_children}: each client connection holds one child and its server connection.
   *
   * @return the number of child processes
   */
  @Override
  public int serverConnections() {
    return server.config().numInitChildren();
  }

  /** Configures and starts a {@link Pgpool}. Not thread-safe. */
  public static final class Builder {
    private final PostgresServer upstream;
    private final Map<String, String> users = new LinkedHashMap<>();
    private int numInitChildren = DEFAULT_NUM_INIT_CHILDREN;

    private Builder(PostgresServer upstream) {
      this.upstream = upstream;
      users.put(upstream.username(), upstream.password());
    }

    /**
     * Sets {@code num_init_children}: client connections served at once; more wait in the listen queue.
     *
     * @param value at least 1 (default 32); PostgreSQL needs as many free connections
     * @return this builder
     */
    public Builder numInitChildren(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("numInitChildren must be at least 1, was " + value);
      }
      this.numInitChildren = value;
      return this;
    }

    /**
     * Lets another PostgreSQL user log in through Pgpool-II with that password. Create the role on the server
     * yourself.
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
     * Writes the configuration and starts Pgpool-II on a free port of {@code 127.0.0.1}, waiting until a login
     * through it works.
     *
     * @return the running Pgpool-II; close it, or leave it to the JVM shutdown hook
     * @throws IllegalStateException when {@code pgpool} is not installed or does not start
     */
    public Pgpool start() {
      PoolerServer<PgpoolServer.Config> server = PgpoolServer.launch(Settings.fromEnvironment(),
          new PgpoolServer.Config(
          upstream.host(), upstream.port(), upstream.adminDatabase(), users, numInitChildren, 1));
      return new Pgpool(server);
    }
  }
}
