package dev.citadel.client.cache.internal;

import dev.citadel.client.cache.Slot;
import dev.citadel.client.cache.config.RedisConfig;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.io.File;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lettuce client and every connection the stores use, all owned here and closed by
 * {@link #close()}. One shared connection per slot (per database when slots map to databases, one
 * in all otherwise), opened on first use so a Redis that is down at start-up does not fail the
 * host; Lettuce connections are thread-safe and pipeline concurrent callers. Blocking commands
 * (queue claims) get dedicated connections from a small pool, because a blocked command would
 * stall every caller of a shared connection. Commands issued while disconnected are rejected at
 * once rather than buffered, so callers fail fast with a typed error.
 */
public final class RedisConnections implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisConnections.class);
  static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
  private static final Duration RECONNECT_MIN = Duration.ofMillis(50);
  private static final Duration RECONNECT_MAX = Duration.ofSeconds(2);

  /** One server of the deployment, for health checks. */
  public record Node(String address, RedisClusterCommands<String, byte[]> commands) {}

  private final RedisConfig config;
  private final boolean databases;
  private final ClientResources resources;
  private final RedisClient client;
  private final RedisClusterClient clusterClient;
  private final RedisURI uri;
  private final List<RedisURI> seeds;
  private final String description;
  private final AtomicReferenceArray<RedisClusterCommands<String, byte[]>> shared =
      new AtomicReferenceArray<>(Slot.values().length);
  private final List<StatefulConnection<?, ?>> opened = new ArrayList<>();    // guarded by this
  private final Deque<StatefulConnection<String, byte[]>> idleBlocking = new ArrayDeque<>(); // guarded by this
  private StatefulRedisClusterConnection<String, byte[]> clusterConnection;   // guarded by this
  private boolean closed;                                                     // guarded by this

  public RedisConnections(RedisConfig config, String clientName) {
    this.config = config;
    this.databases = config.effectiveSlotMapping() == RedisConfig.SlotMapping.DATABASES;
    this.resources = ClientResources.builder()
        .reconnectDelay(Delay.exponential(RECONNECT_MIN, RECONNECT_MAX, 2, TimeUnit.MILLISECONDS))
        .build();
    String name = config.clientName() != null ? config.clientName() : clientName;
    if (config.mode() == RedisConfig.Mode.CLUSTER) {
      this.uri = null;
      this.seeds = clusterSeeds(config, name);
      this.client = null;
      this.clusterClient = RedisClusterClient.create(resources, seeds);
      clusterClient.setOptions(clusterOptionsBuilder(config)
          .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
              .enablePeriodicRefresh(Duration.ofSeconds(30))
              .enableAllAdaptiveRefreshTriggers()
              .build())
          .build());
      this.description = "cluster " + seeds.stream().map(u -> u.getHost() + ":" + u.getPort()).toList();
    } else {
      this.uri = baseUri(config, name, 0);
      this.seeds = List.of(uri);
      this.clusterClient = null;
      this.client = RedisClient.create(resources);
      client.setOptions(clientOptions(config));
      this.description = uri.getSentinelMasterId() != null
          ? "sentinel master " + uri.getSentinelMasterId()
          : uri.getHost() + ":" + uri.getPort();
    }
  }

  /**
   * The server calls go to as observations name it: the standalone server, or the first seed
   * node of a cluster; null behind Sentinels (the master they name is not known up front).
   */
  public RedisURI entryPoint() {
    if (cluster()) {
      return seeds.get(0);
    }
    return uri.getSentinelMasterId() != null ? null : uri;
  }

  /** Where this connects to, without credentials. */
  public String description() {
    return description;
  }

  public boolean cluster() {
    return clusterClient != null;
  }

  /** The database a slot's keys live in under the configured mapping. */
  public int database(Slot slot) {
    return databases ? slot.database() : 0;
  }

  /** The shared connection of {@code slot}, opened on first use. */
  public RedisClusterCommands<String, byte[]> commands(Slot slot) {
    int index = databases ? slot.ordinal() : 0;
    RedisClusterCommands<String, byte[]> commands = shared.get(index);
    return commands != null ? commands : open(slot, index);
  }

  private synchronized RedisClusterCommands<String, byte[]> open(Slot slot, int index) {
    checkOpen();
    RedisClusterCommands<String, byte[]> commands = shared.get(index);
    if (commands == null) {
      if (cluster()) {
        commands = clusterConnection().sync();
      } else {
        StatefulRedisConnection<String, byte[]> connection = client.connect(CODEC, uriFor(database(slot)));
        opened.add(connection);
        commands = connection.sync();
      }
      shared.set(index, commands);
      LOG.debug("redis: connection for slot {} opened ({})", slot, description);
    }
    return commands;
  }

  private StatefulRedisClusterConnection<String, byte[]> clusterConnection() {
    if (clusterConnection == null) {
      clusterConnection = clusterClient.connect(CODEC);
      opened.add(clusterConnection);
    }
    return clusterConnection;
  }

  /** A dedicated connection for blocking commands on {@code slot}; close the lease to return it. */
  public Lease blocking(Slot slot) {
    StatefulConnection<String, byte[]> connection;
    synchronized (this) {
      checkOpen();
      connection = idleBlocking.pollFirst();
    }
    if (connection == null || !connection.isOpen()) {
      connection = cluster() ? clusterClient.connect(CODEC) : client.connect(CODEC, uriFor(database(slot)));
      synchronized (this) {
        if (closed) {
          connection.close();
          checkOpen();
        }
        opened.add(connection);
      }
    }
    return new Lease(connection);
  }

  /** A dedicated connection lent for blocking commands. */
  public final class Lease implements AutoCloseable {
    private final StatefulConnection<String, byte[]> connection;

    private Lease(StatefulConnection<String, byte[]> connection) {
      this.connection = connection;
    }

    @SuppressWarnings("unchecked")
    public RedisClusterCommands<String, byte[]> commands() {
      return connection instanceof StatefulRedisClusterConnection<?, ?> c
          ? ((StatefulRedisClusterConnection<String, byte[]>) c).sync()
          : ((StatefulRedisConnection<String, byte[]>) connection).sync();
    }

    /** Returns the connection to the pool, or closes it when the pool is closed or it broke. */
    @Override
    public void close() {
      synchronized (RedisConnections.this) {
        if (!closed && connection.isOpen()) {
          idleBlocking.addFirst(connection);
          return;
        }
        opened.remove(connection);
      }
      connection.close();
    }

    /** Closes the connection instead of pooling it (after a timeout left it in doubt). */
    public void discard() {
      synchronized (RedisConnections.this) {
        opened.remove(connection);
      }
      connection.close();
    }
  }

  /** A new pub/sub connection, owned here; Lettuce resubscribes its channels after a reconnect. */
  public StatefulRedisPubSubConnection<String, byte[]> pubSub() {
    StatefulRedisPubSubConnection<String, byte[]> connection = cluster()
        ? clusterClient.connectPubSub(CODEC)
        : client.connectPubSub(CODEC, uriFor(database(Slot.PUBSUB)));
    synchronized (this) {
      if (closed) {
        connection.close();
        checkOpen();
      }
      opened.add(connection);
    }
    return connection;
  }

  /** Forgets and closes a pub/sub connection opened by {@link #pubSub()}. */
  public void release(StatefulConnection<?, ?> connection) {
    synchronized (this) {
      opened.remove(connection);
    }
    connection.close();
  }

  /** Every server to check: the masters of a cluster, or the one server. */
  public List<Node> nodes() {
    if (!cluster()) {
      return List.of(new Node(description, commands(Slot.METRICS)));
    }
    StatefulRedisClusterConnection<String, byte[]> connection;
    synchronized (this) {
      checkOpen();
      connection = clusterConnection();
    }
    Map<String, Node> nodes = new LinkedHashMap<>();
    for (RedisClusterNode node : connection.getPartitions()) {
      if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
        String address = node.getUri().getHost() + ":" + node.getUri().getPort();
        nodes.put(address, new Node(address, connection.getConnection(node.getNodeId()).sync()));
      }
    }
    return List.copyOf(nodes.values());
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("redis: the cache client is closed");
    }
  }

  private RedisURI uriFor(int database) {
    return database == 0 ? uri : baseUri(config, uri.getClientName(), database);
  }

  private static ClientOptions clientOptions(RedisConfig config) {
    ClientOptions.Builder builder = ClientOptions.builder();
    apply(builder, config);
    return builder.build();
  }

  private static void apply(ClientOptions.Builder builder, RedisConfig config) {
    builder.autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(SocketOptions.builder()
            .connectTimeout(config.connectTimeout())
            .keepAlive(true)
            .build())
        .timeoutOptions(TimeoutOptions.enabled(config.commandTimeout()));
    if (config.tls().caFile() != null) {
      builder.sslOptions(SslOptions.builder().jdkSslProvider()
          .trustManager(new File(config.tls().caFile())).build());
    }
  }

  private static ClusterClientOptions.Builder clusterOptionsBuilder(RedisConfig config) {
    ClusterClientOptions.Builder builder = ClusterClientOptions.builder();
    apply(builder, config);
    return builder;
  }

  private static RedisURI baseUri(RedisConfig config, String clientName, int database) {
    RedisURI.Builder builder;
    if (!config.url().isEmpty()) {
      builder = fromUrl(config.url().reveal());
    } else if (config.mode() == RedisConfig.Mode.SENTINEL) {
      List<String> sentinels = config.nodes().isEmpty()
          ? List.of(config.host() + ":" + config.port())
          : config.nodes();
      builder = null;
      for (String node : sentinels) {
        RedisURI sentinel = config.sentinelPassword().isEmpty()
            ? node(node)
            : RedisURI.builder(node(node)).withPassword(config.sentinelPassword().reveal().toCharArray()).build();
        builder = (builder == null ? RedisURI.builder() : builder).withSentinel(sentinel);
      }
    } else {
      builder = RedisURI.builder().withHost(config.host()).withPort(config.port());
    }
    if (config.mode() == RedisConfig.Mode.SENTINEL && config.sentinelMaster() != null) {
      builder.withSentinelMasterId(config.sentinelMaster());
    }
    return finish(builder.withDatabase(database), config, clientName);
  }

  private static List<RedisURI> clusterSeeds(RedisConfig config, String clientName) {
    List<RedisURI> seeds = new ArrayList<>();
    if (!config.url().isEmpty()) {
      seeds.add(finish(fromUrl(config.url().reveal()), config, clientName));
    }
    List<String> nodes = config.nodes().isEmpty() && seeds.isEmpty()
        ? List.of(config.host() + ":" + config.port())
        : config.nodes();
    for (String node : nodes) {
      seeds.add(finish(RedisURI.builder(node(node)), config, clientName));
    }
    return List.copyOf(seeds);
  }

  private static RedisURI finish(RedisURI.Builder builder, RedisConfig config, String clientName) {
    builder.withTimeout(config.commandTimeout()).withClientName(clientName);
    if (config.tls().enabled()) {
      builder.withSsl(true).withVerifyPeer(switch (config.tls().mode()) {
        case VERIFY_FULL -> SslVerifyMode.FULL;
        case VERIFY_CA -> SslVerifyMode.CA;
        default -> SslVerifyMode.NONE;
      });
    }
    // Explicit settings win over credentials in the URL.
    if (!config.password().isEmpty()) {
      char[] password = config.password().reveal().toCharArray();
      if (config.user() != null) {
        builder.withAuthentication(config.user(), password);
      } else {
        builder.withPassword(password);
      }
    }
    return builder.build();
  }

  /** A builder holding everything the URL says; Lettuce's copying builder would drop Sentinels. */
  private static RedisURI.Builder fromUrl(String url) {
    RedisURI parsed = RedisURI.create(url);
    if (parsed.getSentinels().isEmpty()) {
      return RedisURI.builder(parsed);
    }
    RedisURI.Builder builder = RedisURI.builder();
    parsed.getSentinels().forEach(builder::withSentinel);
    return builder.withSentinelMasterId(parsed.getSentinelMasterId()).withAuthentication(parsed).withSsl(parsed);
  }

  private static RedisURI node(String hostPort) {
    String text = hostPort.trim();
    int colon = text.lastIndexOf(':');
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return RedisURI.create(host, Integer.parseInt(text.substring(colon + 1)));
  }

  /** Closes every connection, then the client and its threads (bounded waits); idempotent. */
  @Override
  public void close() {
    List<StatefulConnection<?, ?>> toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(opened);
      opened.clear();
      idleBlocking.clear();
    }
    RuntimeException failure = null;
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (RuntimeException e) {
        failure = add(failure, e);
      }
    }
    try {
      AbstractRedisClient c = cluster() ? clusterClient : client;
      c.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    } catch (RuntimeException e) {
      failure = add(failure, e);
    }
    try {
      resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    } catch (RuntimeException e) {
      failure = add(failure, e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static RuntimeException add(RuntimeException first, RuntimeException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }
}
