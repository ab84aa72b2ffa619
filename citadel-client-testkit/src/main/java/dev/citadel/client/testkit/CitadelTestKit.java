package dev.citadel.client.testkit;

import dev.citadel.client.testkit.internal.Servers;
import dev.citadel.client.testkit.internal.Settings;
import dev.citadel.client.testkit.internal.SharedServer;

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
 *
 * <p>Thread-safe. With JUnit 5, {@link CitadelTestKitExtension} injects the servers and per-class databases.
 */
public final class CitadelTestKit {

  private static final Object POSTGRES_LOCK = new Object();
  private static final Object REDIS_LOCK = new Object();
  private static final Object SECURED_REDIS_LOCK = new Object();
  private static final Object CLUSTER_LOCK = new Object();
  private static final Object SENTINEL_LOCK = new Object();
  private static final Object TLS_LOCK = new Object();
  private static PostgresServer postgres;
  private static RuntimeException postgresFailure;
  private static RedisServer redis;
  private static RuntimeException redisFailure;
  private static RedisServer securedRedis;
  private static RuntimeException securedRedisFailure;
  private static RedisCluster redisCluster;
  private static RuntimeException redisClusterFailure;
  private static RedisSentinel redisSentinel;
  private static RuntimeException redisSentinelFailure;
  private static TlsRedisServer tlsRedis;
  private static RuntimeException tlsRedisFailure;

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
    synchronized (POSTGRES_LOCK) {
      if (postgres == null) {
        if (postgresFailure != null) {
          throw new IllegalStateException("Citadel test kit: PostgreSQL could not be provided earlier in this JVM: "
              + postgresFailure.getMessage(), postgresFailure);
        }
        try {
          postgres = Servers.postgres(Settings.fromEnvironment());
        } catch (RuntimeException e) {
          postgresFailure = e;
          throw e;
        }
      }
      return postgres;
    }
  }

  /**
   * Returns the JVM-wide Redis server, resolving and starting it on first call.
   *
   * @return the shared server
   * @throws IllegalStateException when no server can be provided; later calls report the same failure
   */
  public static RedisServer redis() {
    synchronized (REDIS_LOCK) {
      if (redis == null) {
        if (redisFailure != null) {
          throw new IllegalStateException("Citadel test kit: Redis could not be provided earlier in this JVM: "
              + redisFailure.getMessage(), redisFailure);
        }
        try {
          redis = Servers.redis(Settings.fromEnvironment());
        } catch (RuntimeException e) {
          redisFailure = e;
          throw e;
        }
      }
      return redis;
    }
  }

  private static final SharedServer<QdrantServer> QDRANT =
      new SharedServer<>("Qdrant", () -> Servers.qdrant(Settings.fromEnvironment()));

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
   * Returns a JVM-wide Redis that requires a password and has an ACL user ({@link RedisServer#username()}) with the
   * same password, started on first call. Always embedded: the kit controls its {@code requirepass} and ACL; it is
   * {@linkplain RedisServer#controllable() controllable}.
   *
   * @return the shared password-protected server
   * @throws IllegalStateException when no redis-server binary exists for this platform; later calls report the
   *     same failure
   */
  public static RedisServer securedRedis() {
    synchronized (SECURED_REDIS_LOCK) {
      if (securedRedis == null) {
        if (securedRedisFailure != null) {
          throw new IllegalStateException("Citadel test kit: the password-protected Redis could not be "
              + "provided earlier in this JVM: " + securedRedisFailure.getMessage(), securedRedisFailure);
        }
        try {
          securedRedis = Servers.securedRedis();
        } catch (RuntimeException e) {
          securedRedisFailure = e;
          throw e;
        }
      }
      return securedRedis;
    }
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
    synchronized (CLUSTER_LOCK) {
      if (redisCluster == null) {
        if (redisClusterFailure != null) {
          throw new IllegalStateException("Citadel test kit: the Redis Cluster could not be provided earlier "
              + "in this JVM: " + redisClusterFailure.getMessage(), redisClusterFailure);
        }
        try {
          redisCluster = Servers.redisCluster(Settings.fromEnvironment());
        } catch (RuntimeException e) {
          redisClusterFailure = e;
          throw e;
        }
      }
      return redisCluster;
    }
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
    synchronized (SENTINEL_LOCK) {
      if (redisSentinel == null) {
        if (redisSentinelFailure != null) {
          throw new IllegalStateException("Citadel test kit: the Redis Sentinel could not be provided "
              + "earlier in this JVM: " + redisSentinelFailure.getMessage(), redisSentinelFailure);
        }
        try {
          redisSentinel = Servers.redisSentinel();
        } catch (RuntimeException e) {
          redisSentinelFailure = e;
          throw e;
        }
      }
      return redisSentinel;
    }
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
    synchronized (TLS_LOCK) {
      if (tlsRedis == null) {
        if (tlsRedisFailure != null) {
          throw new IllegalStateException("Citadel test kit: the TLS Redis could not be provided earlier "
              + "in this JVM: " + tlsRedisFailure.getMessage(), tlsRedisFailure);
        }
        try {
          tlsRedis = Servers.tlsRedis();
        } catch (RuntimeException e) {
          tlsRedisFailure = e;
          throw e;
        }
      }
      return tlsRedis;
    }
  }
}
