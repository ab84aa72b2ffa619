package dev.citadel.client.testkit;

import dev.citadel.client.testkit.internal.PrivateQdrantServer;
import dev.citadel.client.testkit.internal.Servers;
import dev.citadel.client.testkit.internal.Settings;
import dev.citadel.client.testkit.internal.SharedServer;
import dev.citadel.qdrant.local.QdrantLocalServer;

/**
 * Entry point of the test kit: a real PostgreSQL, Redis and Qdrant for tests, shared by the whole JVM.
 *
 * <p>Each server is resolved lazily on first use, at most once per JVM, and the choice is logged at INFO
 * (source, version, host and port; never the password). Servers the kit started are stopped and their files
 * deleted by a JVM shutdown hook. Sources are tried in this order:
 * <ol>
 *   <li>{@link ServerSource#EXTERNAL}: an existing server named by environment variables (or system properties
 *       of the same name, which take precedence);</li>
 *   <li>{@link ServerSource#TESTCONTAINERS}: a container ({@code postgres:17}, {@code redis:7},
 *       {@code qdrant/qdrant:v1.17.1}) when a Docker engine answers;</li>
 *   <li>{@link ServerSource#EMBEDDED}: PostgreSQL 17 and Redis binaries shipped in Maven Central artifacts,
 *       started as local processes on free ports of {@code 127.0.0.1}; for Qdrant, the Qdrant-compatible local
 *       server of {@code citadel-qdrant-local}, in memory, in this JVM.</li>
 * </ol>
 *
 * <p>Variables (environment or system property):
 * <table>
 *   <caption>Configuration</caption>
 *   <tr><th>Name</th><th>Meaning</th></tr>
 *   <tr><td>{@code CITADEL_TESTKIT_MODE}</td><td>force a source: {@code external}, {@code testcontainers} or
 *       {@code embedded}; forcing {@code external} without the host variable is an error</td></tr>
 *   <tr><td>{@code CITADEL_TEST_POSTGRES_HOST}</td><td>external PostgreSQL host; setting it selects external
 *       mode for PostgreSQL</td></tr>
 *   <tr><td>{@code CITADEL_TEST_POSTGRES_PORT}</td><td>its port, default {@code 5432}</td></tr>
 *   <tr><td>{@code CITADEL_TEST_POSTGRES_USER}</td><td>user, default {@code postgres}; it needs
 *       {@code CREATEDB}</td></tr>
 *   <tr><td>{@code CITADEL_TEST_POSTGRES_PASSWORD}</td><td>password, may be empty</td></tr>
 *   <tr><td>{@code CITADEL_TEST_POSTGRES_DATABASE}</td><td>database to connect to for administration, default
 *       {@code postgres}</td></tr>
 *   <tr><td>{@code CITADEL_TEST_REDIS_HOST}</td><td>external Redis host; setting it selects external mode for
 *       Redis</td></tr>
 *   <tr><td>{@code CITADEL_TEST_REDIS_PORT}</td><td>its port, default {@code 6379}</td></tr>
 *   <tr><td>{@code CITADEL_TEST_REDIS_PASSWORD}</td><td>password, unset or empty for none</td></tr>
 *   <tr><td>{@code CITADEL_TEST_REDIS_CLUSTER_NODES}</td><td>external Redis Cluster, {@code host:port} entries
 *       separated by commas; setting it selects external mode for {@link #redisCluster()}</td></tr>
 *   <tr><td>{@code CITADEL_TEST_QDRANT_HOST}</td><td>external Qdrant host (plain-text gRPC); setting it selects
 *       external mode for Qdrant</td></tr>
 *   <tr><td>{@code CITADEL_TEST_QDRANT_PORT}</td><td>its gRPC port, default {@code 6334}</td></tr>
 *   <tr><td>{@code CITADEL_TEST_QDRANT_API_KEY}</td><td>its API key, unset or empty for none</td></tr>
 *   <tr><td>{@code CITADEL_TESTKIT_PG_OS_USER}</td><td>embedded mode only: the unprivileged operating-system
 *       user that runs PostgreSQL when the JVM runs as root, default {@code nobody}</td></tr>
 * </table>
 * citadel-client's config loader reserves the {@code CITADEL_TEST_*} and {@code CITADEL_TESTKIT_*} names: it never
 * reads them as configuration, so they may sit in the environment of the code under test.
 *
 * <p>Thread-safe. With JUnit 5, {@link CitadelTestKitExtension} injects the servers and per-class databases.
 */
public final class CitadelTestKit {

  private static final SharedServer<PostgresServer> POSTGRES =
      new SharedServer<>("PostgreSQL", () -> Servers.postgres(Settings.fromEnvironment()));
  private static final SharedServer<RedisServer> REDIS =
      new SharedServer<>("Redis", () -> Servers.redis(Settings.fromEnvironment()));
  private static final SharedServer<QdrantServer> QDRANT =
      new SharedServer<>("Qdrant", () -> Servers.qdrant(Settings.fromEnvironment()));
  private static final SharedServer<RedisServer> SECURED_REDIS =
      new SharedServer<>("the password-protected Redis", Servers::securedRedis);
  private static final SharedServer<RedisCluster> REDIS_CLUSTER =
      new SharedServer<>("the Redis Cluster", () -> Servers.redisCluster(Settings.fromEnvironment()));
  private static final SharedServer<RedisSentinel> REDIS_SENTINEL =
      new SharedServer<>("the Redis Sentinel", Servers::redisSentinel);
  private static final SharedServer<TlsRedisServer> TLS_REDIS =
      new SharedServer<>("the TLS Redis", Servers::tlsRedis);

  private CitadelTestKit() {
  }

  /**
   * Returns ready citadel-client configuration pointing at {@code servers}, as documented key
   * values for {@code CitadelConfig.fromValues(...)}: each server's {@link ConfigValues} (a
   * {@link TestDatabase} gives {@code database.*}, a {@link RedisServer}, {@link RedisCluster} or
   * {@link RedisSentinel} gives {@code redis.*}; a Qdrant server gives {@code qdrant.*} the same way,
   * as any {@link ConfigValues} can), over test defaults that keep failures quick: client name
   * {@code test}, retries after 20 ms up to 200 ms, and with a database a pool of at most 10
   * connections, none kept idle, waiting at most 10 s. Adjust with {@link TestConfig#with}.
   *
   * <pre>{@code
   * CitadelConfig config = CitadelConfig.fromValues(CitadelTestKit.config(db, CitadelTestKit.redis()).values());
   * }</pre>
   *
   * @param servers the servers the configuration points at
   * @return the configuration values
   */
  public static TestConfig config(ConfigValues... servers) {
    TestConfig fromServers = TestConfig.of(servers);
    TestConfig config = TestConfig.of()
        .with("client.name", "test")
        .with("resilience.retry.initial_delay", "20ms")
        .with("resilience.retry.max_delay", "200ms");
    if (fromServers.values().containsKey("database.host")) {
      config = config
          .with("database.pool.min_connections", 0)
          .with("database.pool.max_connections", 10)
          .with("database.pool.wait_timeout", "10s");
    }
    return config.with(fromServers);
  }

  /**
   * Returns the JVM-wide PostgreSQL server, resolving and starting it on first call.
   *
   * @return the shared server
   * @throws IllegalStateException when no server can be provided; later calls report the same failure
   */
  public static PostgresServer postgres() {
    return POSTGRES.get();
  }

  /**
   * Returns the JVM-wide Redis server, resolving and starting it on first call.
   *
   * @return the shared server
   * @throws IllegalStateException when no server can be provided; later calls report the same failure
   */
  public static RedisServer redis() {
    return REDIS.get();
  }

  /**
   * Returns the JVM-wide Qdrant server, resolving and starting it on first call: the one named by
   * {@code CITADEL_TEST_QDRANT_HOST}, else a {@code qdrant/qdrant} container when Docker answers, else the
   * Qdrant-compatible local server in this JVM. Tests that stop or restart Qdrant start a private
   * {@code dev.citadel.qdrant.local.QdrantLocalServer} instead.
   *
   * @return the shared server
   * @throws IllegalStateException when no server can be provided; later calls report the same failure
   */
  public static QdrantServer qdrant() {
    return QDRANT.get();
  }

  /**
   * Returns a test's own local Qdrant server (one it stops, restarts or secures) as a kit
   * {@link QdrantServer}, so its {@link ConfigValues} ({@code qdrant.host}, {@code qdrant.port},
   * the API key and, over TLS, {@code qdrant.tls.mode=verify-full} trusting the server's own
   * certificate chain) come from the kit like every other server's. Values are read from the
   * server when asked, so they follow a restart; the test keeps owning and closing the server.
   *
   * @param server a started local server
   * @return the server seen as a kit Qdrant
   */
  public static QdrantServer qdrant(QdrantLocalServer server) {
    return new PrivateQdrantServer(server);
  }

  /**
   * Returns a JVM-wide Redis that requires a password and has an ACL user ({@link RedisServer#username()}) with the
   * same password, started on first call. Always embedded: the kit controls its {@code requirepass} and ACL; it is
   * {@linkplain RedisServer#controllable() controllable}.
   *
   * @return the shared password-protected server
   * @throws IllegalStateException when no redis-server binary exists for this platform; later calls report the
   *     same failure
   */
  public static RedisServer securedRedis() {
    return SECURED_REDIS.get();
  }

  /**
   * Returns the JVM-wide Redis Cluster, started on first call: the nodes named by
   * {@code CITADEL_TEST_REDIS_CLUSTER_NODES}, or else three embedded masters started from the bundled
   * redis-server binary and joined with {@code CLUSTER MEET} (also when Docker answers).
   *
   * @return the shared cluster, ready ({@code cluster_state:ok} on every node)
   * @throws IllegalStateException when no cluster can be provided; later calls report the same failure
   */
  public static RedisCluster redisCluster() {
    return REDIS_CLUSTER.get();
  }

  /**
   * Returns a JVM-wide Redis master watched by one Sentinel, started on first call. Always embedded (from the
   * bundled redis-server binary): its own master, not the server of {@link #redis()}.
   *
   * @return the shared master and Sentinel, ready (the Sentinel reports the master)
   * @throws IllegalStateException when no redis-server binary exists for this platform; later calls report the
   *     same failure
   */
  public static RedisSentinel redisSentinel() {
    return REDIS_SENTINEL.get();
  }

  /**
   * Returns a JVM-wide Redis with a TLS port (a certificate for {@code 127.0.0.1} and {@code localhost} signed by a
   * throwaway CA from {@link TestCertificates}), started on first call. Always embedded.
   *
   * @return the shared TLS server
   * @throws IllegalStateException when no redis-server binary exists for this platform or keytool fails; later
   *     calls report the same failure
   */
  public static TlsRedisServer tlsRedis() {
    return TLS_REDIS.get();
  }
}
