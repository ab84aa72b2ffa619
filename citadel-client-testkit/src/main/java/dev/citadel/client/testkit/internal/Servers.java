package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.PostgresServer;
import dev.citadel.client.testkit.QdrantServer;
import dev.citadel.client.testkit.RedisCluster;
import dev.citadel.client.testkit.RedisSentinel;
import dev.citadel.client.testkit.TlsRedisServer;
import dev.citadel.client.testkit.RedisServer;
import dev.citadel.client.testkit.ServerSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;
import java.util.function.Supplier;

/** Creates the servers chosen by {@link SourceResolver} and logs which one is used. */
public final class Servers {

  private static final Logger LOG = LoggerFactory.getLogger("dev.citadel.client.testkit");

  private Servers() {
  }

  /**
   * Resolves and starts a PostgreSQL server.
   *
   * @param settings the configuration
   * @return the running server
   */
  public static PostgresServer postgres(Settings settings) {
    return resolve(SourceResolver.Kind.POSTGRES, settings, ExternalPostgresServer::connect,
        ContainerPostgresServer::launch, () -> EmbeddedPostgresServer.launch(settings));
  }

  /**
   * Resolves and starts a Redis server.
   *
   * @param settings the configuration
   * @return the running server
   */
  public static RedisServer redis(Settings settings) {
    return resolve(SourceResolver.Kind.REDIS, settings, ExternalRedisServer::connect,
        ContainerRedisServer::launch, EmbeddedRedisServer::launch);
  }

  /**
   * Resolves and starts a Qdrant server: external, a container, or else the local server in this JVM.
   *
   * @param settings the configuration
   * @return the running server
   */
  public static QdrantServer qdrant(Settings settings) {
    return resolve(SourceResolver.Kind.QDRANT, settings, TestQdrantServer::connect,
        TestQdrantServer::launchContainer, TestQdrantServer::launchLocal);
  }

  private static <S extends BaseServer> S resolve(SourceResolver.Kind kind, Settings settings,
      Function<Settings, S> external, Supplier<S> container, Supplier<S> embedded) {
    ServerSource source = SourceResolver.choose(kind, settings, DockerProbe::dockerAvailable);
    S server = switch (source) {
      case EXTERNAL -> external.apply(settings);
      case TESTCONTAINERS -> container.get();
      case EMBEDDED -> embedded.get();
    };
    LOG.info("Citadel test kit {}: source={} version={} at {}:{}",
        kind.displayName(), server.source(), server.version(), server.host(), server.port());
    return server;
  }

  /**
   * Starts a Redis server that requires a password and has an ACL user (embedded only).
   *
   * @return the running server
   */
  public static RedisServer securedRedis() {
    EmbeddedRedisServer server = EmbeddedRedisServer.launchSecured();
    LOG.info("Citadel test kit password-protected Redis: source={} version={} at {}:{} user={}",
        server.source(), server.version(), server.host(), server.port(), server.username());
    return server;
  }

  /**
   * Resolves a Redis Cluster: external when {@link Settings#REDIS_CLUSTER_NODES} is set, embedded otherwise (also
   * where Docker answers: cluster nodes in containers announce addresses clients outside cannot reach).
   *
   * @param settings the configuration
   * @return the ready cluster
   */
  public static RedisCluster redisCluster(Settings settings) {
    boolean external = settings.get(Settings.REDIS_CLUSTER_NODES) != null;
    if (settings.mode() == ServerSource.EXTERNAL && !external) {
      throw new IllegalStateException(Settings.MODE + "=external but " + Settings.REDIS_CLUSTER_NODES
          + " is not set: name the external Redis Cluster to use");
    }
    RedisCluster cluster = external ? ExternalRedisCluster.connect(settings) : EmbeddedRedisCluster.launch();
    LOG.info("Citadel test kit Redis Cluster: {}", cluster);
    return cluster;
  }

  /**
   * Starts an embedded Redis master watched by one embedded Sentinel.
   *
   * @return the running pair
   */
  public static RedisSentinel redisSentinel() {
    EmbeddedRedisSentinel sentinel = EmbeddedRedisSentinel.launch();
    LOG.info("Citadel test kit Redis Sentinel: {}", sentinel);
    return sentinel;
  }

  /**
   * Starts an embedded Redis with a TLS port and a certificate from a throwaway CA.
   *
   * @return the running server
   */
  public static TlsRedisServer tlsRedis() {
    EmbeddedTlsRedisServer server = EmbeddedTlsRedisServer.launch();
    LOG.info("Citadel test kit TLS Redis: {}", server);
    return server;
  }
}
