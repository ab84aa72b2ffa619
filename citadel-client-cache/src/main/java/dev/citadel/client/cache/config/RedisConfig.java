package dev.citadel.client.cache.config;

import dev.citadel.client.ConfigException;
import dev.citadel.client.cache.internal.ByteSizes;
import dev.citadel.client.config.Secret;
import dev.citadel.client.config.TlsMode;
import dev.citadel.client.config.TlsOptions;
import dev.citadel.client.config.spi.Checks;
import dev.citadel.client.config.spi.ConfigValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code redis:} section, owned by the cache module: where the server is and how to reach it
 * (host or URL, user and password, mode, TLS, timeouts), how the eight slots of seed 004 are laid
 * out, and one option object per store ({@link #cache()}, {@link #session()}, {@link #memory()},
 * {@link #queue()}, {@link #lock()}, {@link #metrics()}). Immutable; built with
 * {@link #builder()}, whose {@code build()} validates every field: a failure is a
 * {@link ConfigException} naming the YAML key; passwords and the URL (which may carry one) are
 * never part of a message or of {@link #toString()}.
 *
 * <p>Two timeouts, each named for what it bounds: {@link #connectTimeout()} (opening a
 * connection, TLS handshake included) and {@link #commandTimeout()} (one command, per call).
 */
public final class RedisConfig extends ConfigValue {

  /** How the client finds the server. */
  public enum Mode {
    /** One server at {@code host:port} or the URL. */
    STANDALONE,
    /** A master found through Sentinels ({@code nodes}, {@code sentinel.master}). */
    SENTINEL,
    /** A Redis Cluster reached through seed {@code nodes}; it has only DB 0. */
    CLUSTER;

    /** Parses {@code standalone}, {@code sentinel} or {@code cluster}, any case. */
    public static Mode parse(String text) {
      return Checks.enumValue(Mode.class, "redis.mode", text);
    }
  }

  /** How the eight slots of seed 004 are kept apart. */
  public enum SlotMapping {
    /** {@link #PREFIXES} in cluster mode, {@link #DATABASES} otherwise. */
    AUTO,
    /** Each slot in its own database, 0 to 7, as seed 004 lays them out. */
    DATABASES,
    /** Every slot in DB 0, kept apart by its key prefix (the only choice on a cluster). */
    PREFIXES;

    /** Parses {@code auto}, {@code databases} or {@code prefixes}, any case. */
    public static SlotMapping parse(String text) {
      return Checks.enumValue(SlotMapping.class, "redis.slot_mapping", text);
    }
  }

  /** Default host. */
  public static final String DEFAULT_HOST = "localhost";
  /** Default port. */
  public static final int DEFAULT_PORT = 6379;
  /** Default connect timeout: 5 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Default command timeout: 5 s. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
  /** Default largest value: 1 MiB. */
  public static final int DEFAULT_MAX_VALUE_SIZE = 1024 * 1024;
  /** Default sliding session lifetime: one hour (seed 004). */
  public static final Duration DEFAULT_SESSION_TTL = Duration.ofHours(1);
  /** Default lock lease: 30 s (seed 004). */
  public static final Duration DEFAULT_LOCK_TTL = Duration.ofSeconds(30);
  /** Default TLS: none. */
  public static final TlsOptions DEFAULT_TLS = TlsOptions.disabled();
  /** The TLS modes Redis supports: no negotiation, so neither {@code allow} nor {@code prefer}. */
  public static final List<TlsMode> TLS_MODES =
      List.of(TlsMode.DISABLE, TlsMode.REQUIRE, TlsMode.VERIFY_CA, TlsMode.VERIFY_FULL);

  private static final Pattern NODE = Pattern.compile("(\\[[0-9A-Fa-f:.%]+]|[A-Za-z0-9._\\-]+):(\\d{1,5})");
  private static final Pattern KEY_PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}");
  private static final Pattern CLIENT_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
  private static final List<String> URL_SCHEMES =
      List.of("redis", "rediss", "redis-sentinel", "rediss-sentinel");

  private final String host;
  private final int port;
  private final Secret url;
  private final String user;
  private final Secret password;
  private final Mode mode;
  private final List<String> nodes;
  private final String sentinelMaster;
  private final Secret sentinelPassword;
  private final TlsOptions tls;
  private final String clientName;
  private final Duration connectTimeout;
  private final Duration commandTimeout;
  private final String keyPrefix;
  private final SlotMapping slotMapping;
  private final int maxValueSize;
  private final ResponseCacheOptions cache;
  private final TtlOptions session;
  private final ConversationMemoryOptions memory;
  private final JobQueueOptions queue;
  private final TtlOptions lock;
  private final MetricsStoreOptions metrics;

  private RedisConfig(Builder b) {
    host = Checks.host("redis.host", b.host);
    port = Checks.port("redis.port", b.port);
    url = b.url;
    if (!url.isEmpty()) {
      checkUrl(url);
    }
    user = Checks.blankToNull(b.user);
    password = b.password;
    mode = Checks.required("redis.mode", b.mode);
    nodes = List.copyOf(Checks.required("redis.nodes", b.nodes));
    for (int i = 0; i < nodes.size(); i++) {
      node("redis.nodes[" + i + "]", nodes.get(i));
    }
    sentinelMaster = Checks.blankToNull(b.sentinelMaster);
    sentinelPassword = b.sentinelPassword;
    if (mode == Mode.SENTINEL && sentinelMaster == null && !url.reveal().contains("#")) {
      throw new ConfigException("redis.sentinel.master",
          "is required when redis.mode is sentinel (the master name the Sentinels know)");
    }
    // A rediss:// URL asks for TLS: with no mode stated, it gets the full check.
    TlsOptions requested = Checks.required("redis.tls", b.tls);
    if (url.reveal().startsWith("rediss") && !requested.enabled()) {
      requested = requested.toBuilder().mode(TlsMode.VERIFY_FULL).build();
    }
    tls = requested.check("redis.tls", TLS_MODES.toArray(TlsMode[]::new));
    clientName = b.clientName;
    if (clientName != null && !CLIENT_NAME.matcher(clientName).matches()) {
      throw new ConfigException("redis.client_name",
          "'" + clientName + "' is not a valid client name (letters, digits, '.', '_', '-'; at most 64)");
    }
    connectTimeout = Checks.atLeast("redis.connect_timeout", b.connectTimeout, Duration.ofMillis(100));
    commandTimeout = Checks.atLeast("redis.command_timeout", b.commandTimeout, Duration.ofMillis(100));
    keyPrefix = b.keyPrefix == null || b.keyPrefix.isEmpty() ? null : b.keyPrefix;
    if (keyPrefix != null && !KEY_PREFIX.matcher(keyPrefix).matches()) {
      throw new ConfigException("redis.key_prefix",
          "'" + keyPrefix + "' is not a valid prefix (letters, digits, '.', '_', '-', starting with a"
              + " letter or digit; at most 64)");
    }
    slotMapping = Checks.required("redis.slot_mapping", b.slotMapping);
    if (mode == Mode.CLUSTER && slotMapping == SlotMapping.DATABASES) {
      throw new ConfigException("redis.slot_mapping",
          "must be auto or prefixes when redis.mode is cluster: a Redis Cluster has only DB 0");
    }
    maxValueSize = Checks.range("redis.max_value_size", b.maxValueSize, 1, 512 * 1024 * 1024);
    cache = cacheOptions(b);
    session = new TtlOptions(Checks.atLeast("redis.session.ttl", b.sessionTtl, Duration.ofSeconds(1)));
    memory = new ConversationMemoryOptions(
        Checks.atLeast("redis.memory.ttl", b.memoryTtl, Duration.ofSeconds(1)),
        Checks.range("redis.memory.max_messages", b.memoryMaxMessages, 1, 100_000));
    queue = new JobQueueOptions(
        Checks.atLeast("redis.queue.visibility_timeout", b.queueVisibilityTimeout, Duration.ofMillis(100)),
        Checks.range("redis.queue.max_attempts", b.queueMaxAttempts, 1, 1_000));
    lock = new TtlOptions(Checks.atLeast("redis.lock.ttl", b.lockTtl, Duration.ofMillis(10)));
    Checks.atLeast("redis.metrics.bucket", b.metricsBucket, Duration.ofSeconds(1));
    Checks.positive("redis.metrics.ttl", b.metricsTtl);
    Checks.notLonger("redis.metrics.bucket", b.metricsBucket, "redis.metrics.ttl", b.metricsTtl);
    metrics = new MetricsStoreOptions(b.metricsTtl, b.metricsBucket);
  }

  private static ResponseCacheOptions cacheOptions(Builder b) {
    Checks.positive("redis.cache.min_ttl", b.minTtl);
    Checks.positive("redis.cache.max_ttl", b.maxTtl);
    Checks.positive("redis.cache.default_ttl", b.defaultTtl);
    Checks.notLonger("redis.cache.min_ttl", b.minTtl, "redis.cache.max_ttl", b.maxTtl);
    if (b.defaultTtl.compareTo(b.minTtl) < 0 || b.defaultTtl.compareTo(b.maxTtl) > 0) {
      throw new ConfigException("redis.cache.default_ttl", "must be between redis.cache.min_ttl ("
          + Checks.format(b.minTtl) + ") and redis.cache.max_ttl (" + Checks.format(b.maxTtl)
          + "), was " + Checks.format(b.defaultTtl));
    }
    String maxMemory = Checks.blankToNull(b.maxMemory);
    if (maxMemory != null) {
      ByteSizes.parse("redis.cache.max_memory", maxMemory);
    }
    return new ResponseCacheOptions(b.defaultTtl, b.minTtl, b.maxTtl, maxMemory,
        Checks.blankToNull(b.evictionPolicy));
  }

  /** Redis host ({@code redis.host}, default {@code localhost}); ignored when a URL is set. */
  public String host() {
    return host;
  }

  /** Redis port ({@code redis.port}, default 6379); ignored when a URL is set. */
  public int port() {
    return port;
  }

  /**
   * A Lettuce-style URL ({@code redis.url}): {@code redis://}, {@code rediss://} (TLS),
   * {@code redis-sentinel://host:port,host2:port2#master}; replaces host, port and (unless they are
   * set) user and password; empty for none. Masked everywhere, as it may hold a password.
   */
  public Secret url() {
    return url;
  }

  /** ACL user name ({@code redis.user}), or null for the default user. */
  public String user() {
    return user;
  }

  /** Password ({@code redis.password}); masked everywhere; empty for none. */
  public Secret password() {
    return password;
  }

  /**
   * {@code standalone}, {@code sentinel} or {@code cluster} ({@code redis.mode}, default
   * standalone).
   */
  public Mode mode() {
    return mode;
  }

  /**
   * {@code host:port} seed nodes of a cluster, or the Sentinels ({@code redis.nodes}); empty means
   * {@code host:port} alone.
   */
  public List<String> nodes() {
    return nodes;
  }

  /**
   * The master's name known to the Sentinels ({@code redis.sentinel.master}); required in
   * sentinel mode unless the URL names it.
   */
  public String sentinelMaster() {
    return sentinelMaster;
  }

  /** The Sentinels' own password ({@code redis.sentinel.password}); empty when they need none. */
  public Secret sentinelPassword() {
    return sentinelPassword;
  }

  /**
   * TLS ({@code redis.tls.mode}: {@code disable} (default), {@code require} (no certificate
   * check), {@code verify-ca} or {@code verify-full}; a {@code rediss://} URL turns on
   * {@code verify-full} unless a mode is set; {@code redis.tls.ca_file}: PEM file of trusted CAs,
   * default the JVM's trust store).
   */
  public TlsOptions tls() {
    return tls;
  }

  /**
   * {@code CLIENT SETNAME} of every connection ({@code redis.client_name}); null means {@code
   * client.name}.
   */
  public String clientName() {
    return clientName;
  }

  /** Connect bound: TCP connect and TLS handshake ({@code redis.connect_timeout}, default 5 s). */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Per-call bound of one command ({@code redis.command_timeout}, default 5 s). */
  public Duration commandTimeout() {
    return commandTimeout;
  }

  /**
   * Environment prefix put before every key and channel ({@code redis.key_prefix}, e.g.
   * {@code staging} gives {@code staging:session:user:...}); null for none.
   */
  public String keyPrefix() {
    return keyPrefix;
  }

  /**
   * How the eight slots are separated ({@code redis.slot_mapping}, default {@code auto}: databases
   * 0-7, except prefixes in DB 0 in cluster mode).
   */
  public SlotMapping slotMapping() {
    return slotMapping;
  }

  /** The slot mapping in force: {@link SlotMapping#AUTO} resolved against the mode. */
  public SlotMapping effectiveSlotMapping() {
    if (slotMapping != SlotMapping.AUTO) {
      return slotMapping;
    }
    return mode == Mode.CLUSTER ? SlotMapping.PREFIXES : SlotMapping.DATABASES;
  }

  /**
   * Largest encoded value a store writes, in bytes ({@code redis.max_value_size}, default 1 MiB;
   * accepts {@code 512kb}, {@code 4mb}).
   */
  public int maxValueSize() {
    return maxValueSize;
  }

  /**
   * The API response cache's TTLs and the server's intended memory policy ({@code redis.cache.*}).
   */
  public ResponseCacheOptions cache() {
    return cache;
  }

  /**
   * The session store's settings ({@code redis.session.*}): {@code ttl} is the sliding session
   * lifetime, renewed by every read (default 1 h).
   */
  public TtlOptions session() {
    return session;
  }

  /** The conversation memory store's settings ({@code redis.memory.*}). */
  public ConversationMemoryOptions memory() {
    return memory;
  }

  /** The job queue's settings ({@code redis.queue.*}). */
  public JobQueueOptions queue() {
    return queue;
  }

  /**
   * The distributed locks' settings ({@code redis.lock.*}): {@code ttl} is the lease of a lock
   * taken without one (default 30 s); a holder that dies frees the lock after this long.
   */
  public TtlOptions lock() {
    return lock;
  }

  /** The Redis metrics store's settings ({@code redis.metrics.*}). */
  public MetricsStoreOptions metrics() {
    return metrics;
  }

  private static void node(String key, String value) {
    Checks.requiredText(key, value);
    Matcher m = NODE.matcher(value.trim());
    if (!m.matches()) {
      throw new ConfigException(key, "must be host:port, was '" + value + "'");
    }
    Checks.port(key, Integer.parseInt(m.group(2)));
  }

  private static void checkUrl(Secret url) {
    String text = url.reveal().trim();
    int colon = text.indexOf("://");
    String scheme = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!URL_SCHEMES.contains(scheme)) {
      throw new ConfigException("redis.url",
          "must start with redis://, rediss://, redis-sentinel:// or rediss-sentinel://");
    }
    try {
      // Sentinel URLs list several hosts, which java.net.URI cannot hold: check the first.
      String first = text.replaceFirst(",[^/?#]*", "");
      URI uri = new URI(first);
      if (uri.getHost() == null || uri.getHost().isBlank()) {
        throw new ConfigException("redis.url", "names no host");
      }
    } catch (URISyntaxException e) {
      // The reason is not echoed: the URL may hold a password.
      throw new ConfigException("redis.url", "is not a valid URL");
    }
  }

  @Override
  protected Object[] namedFields() {
    return new Object[] {"host", host, "port", port, "url", url, "user", user, "password", password,
        "mode", mode, "nodes", nodes, "sentinelMaster", sentinelMaster, "sentinelPassword", sentinelPassword,
        "tls", tls, "clientName", clientName, "connectTimeout", connectTimeout,
        "commandTimeout", commandTimeout, "keyPrefix", keyPrefix, "slotMapping", slotMapping,
        "maxValueSize", maxValueSize, "cache", cache, "session", session, "memory", memory,
        "queue", queue, "lock", lock, "metrics", metrics};
  }

  /** A builder with the documented defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder()
        .host(host)
        .port(port)
        .url(url)
        .user(user)
        .password(password)
        .mode(mode)
        .nodes(nodes)
        .sentinelMaster(sentinelMaster)
        .sentinelPassword(sentinelPassword)
        .tls(tls)
        .clientName(clientName)
        .connectTimeout(connectTimeout)
        .commandTimeout(commandTimeout)
        .keyPrefix(keyPrefix)
        .slotMapping(slotMapping)
        .maxValueSize(maxValueSize)
        .defaultTtl(cache.defaultTtl())
        .minTtl(cache.minTtl())
        .maxTtl(cache.maxTtl())
        .maxMemory(cache.maxMemory())
        .evictionPolicy(cache.evictionPolicy())
        .sessionTtl(session.ttl())
        .memoryTtl(memory.ttl())
        .memoryMaxMessages(memory.maxMessages())
        .queueVisibilityTimeout(queue.visibilityTimeout())
        .queueMaxAttempts(queue.maxAttempts())
        .lockTtl(lock.ttl())
        .metricsTtl(metrics.ttl())
        .metricsBucket(metrics.bucket());
  }

  /**
   * Mutable builder; not thread-safe. Store settings are set here, flat, and read from the built
   * config's option objects. {@link #build()} validates.
   */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private Secret url = Secret.empty();
    private String user;
    private Secret password = Secret.empty();
    private Mode mode = Mode.STANDALONE;
    private List<String> nodes = List.of();
    private String sentinelMaster;
    private Secret sentinelPassword = Secret.empty();
    private TlsOptions tls = DEFAULT_TLS;
    private String clientName;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private String keyPrefix;
    private SlotMapping slotMapping = SlotMapping.AUTO;
    private int maxValueSize = DEFAULT_MAX_VALUE_SIZE;
    private Duration defaultTtl = ResponseCacheOptions.DEFAULT_TTL;
    private Duration minTtl = ResponseCacheOptions.DEFAULT_MIN_TTL;
    private Duration maxTtl = ResponseCacheOptions.DEFAULT_MAX_TTL;
    private String maxMemory;
    private String evictionPolicy;
    private Duration sessionTtl = DEFAULT_SESSION_TTL;
    private Duration memoryTtl = ConversationMemoryOptions.DEFAULT_TTL;
    private int memoryMaxMessages = ConversationMemoryOptions.DEFAULT_MAX_MESSAGES;
    private Duration queueVisibilityTimeout = JobQueueOptions.DEFAULT_VISIBILITY_TIMEOUT;
    private int queueMaxAttempts = JobQueueOptions.DEFAULT_MAX_ATTEMPTS;
    private Duration lockTtl = DEFAULT_LOCK_TTL;
    private Duration metricsTtl = MetricsStoreOptions.DEFAULT_TTL;
    private Duration metricsBucket = MetricsStoreOptions.DEFAULT_BUCKET;

    private Builder() {}

    /** Redis host (ignored when a URL is set). */
    public Builder host(String value) {
      this.host = value;
      return this;
    }

    /** Redis port (ignored when a URL is set). */
    public Builder port(int value) {
      this.port = value;
      return this;
    }

    /** URL, e.g. {@code rediss://user:pw@host:6380}; replaces host and port. */
    public Builder url(Secret value) {
      this.url = Objects.requireNonNull(value, "url");
      return this;
    }

    /** URL in clear text; wrapped in a {@link Secret}; null or empty for none. */
    public Builder url(String value) {
      return url(Secret.of(value));
    }

    /** ACL user name; null for the default user. */
    public Builder user(String value) {
      this.user = value;
      return this;
    }

    /** The Redis password ({@code AUTH}), of {@link #user(String)} or of the default user. */
    public Builder password(Secret value) {
      this.password = Objects.requireNonNull(value, "password");
      return this;
    }

    /** The Redis password in clear text; wrapped in a {@link Secret}; null or empty for none. */
    public Builder password(String value) {
      return password(Secret.of(value));
    }

    /** Standalone, Sentinel or Cluster. */
    public Builder mode(Mode value) {
      this.mode = value;
      return this;
    }

    /** Cluster seed nodes or Sentinels, each {@code host:port}; copied. */
    public Builder nodes(List<String> value) {
      this.nodes = value == null ? null : new ArrayList<>(value);
      return this;
    }

    /** The Sentinels' name of the master. */
    public Builder sentinelMaster(String value) {
      this.sentinelMaster = value;
      return this;
    }

    /** The Sentinels' own password. */
    public Builder sentinelPassword(Secret value) {
      this.sentinelPassword = Objects.requireNonNull(value, "sentinelPassword");
      return this;
    }

    /** The Sentinels' own password in clear text; wrapped in a {@link Secret}. */
    public Builder sentinelPassword(String value) {
      return sentinelPassword(Secret.of(value));
    }

    /** TLS to Redis: one of {@link #TLS_MODES} and the CA file. */
    public Builder tls(TlsOptions value) {
      this.tls = Objects.requireNonNull(value, "tls");
      return this;
    }

    /** TLS to Redis in {@code mode}, trusting the JVM's trust store. */
    public Builder tls(TlsMode mode) {
      return tls(TlsOptions.of(mode));
    }

    /** {@code CLIENT SETNAME}; null means {@code client.name}. */
    public Builder clientName(String value) {
      this.clientName = value;
      return this;
    }

    /** Connect bound (TCP connect and TLS handshake). */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = value;
      return this;
    }

    /** Per-call bound of one command. */
    public Builder commandTimeout(Duration value) {
      this.commandTimeout = value;
      return this;
    }

    /** Environment prefix of keys and channels; null for none. */
    public Builder keyPrefix(String value) {
      this.keyPrefix = value;
      return this;
    }

    /** Databases or prefixes. */
    public Builder slotMapping(SlotMapping value) {
      this.slotMapping = value;
      return this;
    }

    /** Largest encoded value, in bytes. */
    public Builder maxValueSize(int bytes) {
      this.maxValueSize = bytes;
      return this;
    }

    /** Default API cache TTL ({@link ResponseCacheOptions#defaultTtl()}). */
    public Builder defaultTtl(Duration value) {
      this.defaultTtl = value;
      return this;
    }

    /** Shortest API cache TTL accepted. */
    public Builder minTtl(Duration value) {
      this.minTtl = value;
      return this;
    }

    /** Longest API cache TTL accepted. */
    public Builder maxTtl(Duration value) {
      this.maxTtl = value;
      return this;
    }

    /** Intended {@code maxmemory}. */
    public Builder maxMemory(String value) {
      this.maxMemory = value;
      return this;
    }

    /** Intended {@code maxmemory-policy}. */
    public Builder evictionPolicy(String value) {
      this.evictionPolicy = value;
      return this;
    }

    /** Sliding session lifetime ({@link RedisConfig#session()}). */
    public Builder sessionTtl(Duration value) {
      this.sessionTtl = value;
      return this;
    }

    /** Conversation memory lifetime ({@link ConversationMemoryOptions#ttl()}). */
    public Builder memoryTtl(Duration value) {
      this.memoryTtl = value;
      return this;
    }

    /** Messages kept per conversation. */
    public Builder memoryMaxMessages(int value) {
      this.memoryMaxMessages = value;
      return this;
    }

    /** Visibility timeout of a claimed job ({@link JobQueueOptions#visibilityTimeout()}). */
    public Builder queueVisibilityTimeout(Duration value) {
      this.queueVisibilityTimeout = value;
      return this;
    }

    /** Deliveries before dead-lettering. */
    public Builder queueMaxAttempts(int value) {
      this.queueMaxAttempts = value;
      return this;
    }

    /** Default lock lease ({@link RedisConfig#lock()}). */
    public Builder lockTtl(Duration value) {
      this.lockTtl = value;
      return this;
    }

    /** Lifetime of a metrics bucket or gauge ({@link MetricsStoreOptions#ttl()}). */
    public Builder metricsTtl(Duration value) {
      this.metricsTtl = value;
      return this;
    }

    /** Width of a counter bucket. */
    public Builder metricsBucket(Duration value) {
      this.metricsBucket = value;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws ConfigException naming the first bad key
     */
    public RedisConfig build() {
      return new RedisConfig(this);
    }
  }
}
