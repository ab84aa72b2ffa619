package dev.citadel.client.config;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.internal.Checks;
import dev.citadel.client.config.internal.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redis settings as written in the {@code redis:} section: where the server is and how to reach
 * it, and the defaults of the cache module's slot stores (seed 004's DB 0-7 convention). Core
 * only carries them (so one file configures everything and unknown keys are caught); the cache
 * module connects with them. Immutable and validated on construction: every failure is a
 * {@link ConfigException} naming the YAML key; passwords and the URL (which may carry one) are
 * never part of a message or of {@link #toString()}.
 *
 * @param host Redis host ({@code redis.host}, default {@code localhost}); ignored when
 *     {@code url} is set
 * @param port Redis port ({@code redis.port}, default 6379); ignored when {@code url} is set
 * @param url a Lettuce-style URL ({@code redis.url}): {@code redis://}, {@code rediss://} (TLS),
 *     {@code redis-sentinel://host:port,host2:port2#master}; replaces host, port and (unless they
 *     are set) user and password; empty for none. Masked everywhere, as it may hold a password
 * @param username ACL user name ({@code redis.username}), or null for the default user
 * @param password password ({@code redis.password}); masked everywhere; empty for none
 * @param mode {@code standalone}, {@code sentinel} or {@code cluster} ({@code redis.mode},
 *     default standalone)
 * @param nodes {@code host:port} seed nodes of a cluster, or the Sentinels ({@code redis.nodes});
 *     empty means {@code host:port} alone
 * @param sentinelMaster the master's name known to the Sentinels ({@code redis.sentinel.master});
 *     required in sentinel mode unless the URL names it
 * @param sentinelPassword the Sentinels' own password ({@code redis.sentinel.password}); empty
 *     when they need none
 * @param tls whether to connect with TLS ({@code redis.tls.enabled}, default false; a
 *     {@code rediss://} URL turns it on)
 * @param tlsVerify how the server certificate is checked ({@code redis.tls.verify}, default
 *     {@code full})
 * @param tlsCaCert PEM file of trusted CAs ({@code redis.tls.ca_cert}); null for the JVM's
 * @param clientName {@code CLIENT SETNAME} of every connection ({@code redis.client_name}); null
 *     means {@code client.name}
 * @param connectTimeout TCP connect and handshake limit ({@code redis.connect_timeout}, default 5 s)
 * @param commandTimeout limit of one command ({@code redis.command_timeout}, default 5 s)
 * @param keyPrefix environment prefix put before every key and channel ({@code redis.key_prefix},
 *     e.g. {@code staging} gives {@code staging:session:user:...}); null for none
 * @param slotMapping how the eight slots are separated ({@code redis.slot_mapping}, default
 *     {@code auto}: databases 0-7, except prefixes in DB 0 in cluster mode)
 * @param maxValueSize largest encoded value a store writes, in bytes ({@code redis.max_value_size},
 *     default 1 MiB; accepts {@code 512kb}, {@code 4mb})
 * @param defaultTtl API cache default time-to-live ({@code redis.cache.default_ttl}, default 3600 s)
 * @param minTtl shortest API cache TTL accepted ({@code redis.cache.min_ttl}, default 60 s)
 * @param maxTtl longest API cache TTL accepted ({@code redis.cache.max_ttl}, default 86400 s)
 * @param maxMemory the server's intended {@code maxmemory} (e.g. {@code 1gb}); checked by health
 *     reports; null when not stated
 * @param evictionPolicy the server's intended {@code maxmemory-policy}; checked by health
 *     reports; null when not stated
 * @param sessionTtl sliding session lifetime ({@code redis.session.ttl}, default 1 h)
 * @param memoryTtl conversation memory lifetime after the last append ({@code redis.memory.ttl},
 *     default 1 h)
 * @param memoryMaxMessages messages kept per conversation ({@code redis.memory.max_messages},
 *     default 100)
 * @param queueVisibilityTimeout how long a claimed job stays invisible before it is re-delivered
 *     ({@code redis.queue.visibility_timeout}, default 60 s)
 * @param queueMaxAttempts deliveries of a job before it goes to the dead-letter list
 *     ({@code redis.queue.max_attempts}, default 5)
 * @param lockTtl default lock lease ({@code redis.lock.ttl}, default 30 s)
 * @param metricsTtl how long a metrics bucket or gauge lives ({@code redis.metrics.ttl}, default
 *     5 min)
 * @param metricsBucket width of one counter bucket ({@code redis.metrics.bucket}, default 60 s)
 */
public record RedisConfig(
    String host,
    int port,
    Secret url,
    String username,
    Secret password,
    Mode mode,
    List<String> nodes,
    String sentinelMaster,
    Secret sentinelPassword,
    boolean tls,
    TlsVerify tlsVerify,
    String tlsCaCert,
    String clientName,
    Duration connectTimeout,
    Duration commandTimeout,
    String keyPrefix,
    SlotMapping slotMapping,
    int maxValueSize,
    Duration defaultTtl,
    Duration minTtl,
    Duration maxTtl,
    String maxMemory,
    String evictionPolicy,
    Duration sessionTtl,
    Duration memoryTtl,
    int memoryMaxMessages,
    Duration queueVisibilityTimeout,
    int queueMaxAttempts,
    Duration lockTtl,
    Duration metricsTtl,
    Duration metricsBucket) {

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
      return RedisConfig.parse(Mode.class, "redis.mode", text);
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
      return RedisConfig.parse(SlotMapping.class, "redis.slot_mapping", text);
    }
  }

  /** How a TLS server certificate is checked. */
  public enum TlsVerify {
    /** Trusted chain and a name matching the host. */
    FULL,
    /** Trusted chain only. */
    CA,
    /** No check: encryption without authentication of the server. */
    NONE;

    /** Parses {@code full}, {@code ca} or {@code none}, any case. */
    public static TlsVerify parse(String text) {
      return RedisConfig.parse(TlsVerify.class, "redis.tls.verify", text);
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
  /** Default API cache TTL: one hour (seed 000). */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(3600);
  /** Shortest API cache TTL by default: 60 s (seed 004). */
  public static final Duration DEFAULT_MIN_TTL = Duration.ofSeconds(60);
  /** Longest API cache TTL by default: 86400 s (seed 004). */
  public static final Duration DEFAULT_MAX_TTL = Duration.ofSeconds(86_400);
  /** Default sliding session lifetime: one hour (seed 004). */
  public static final Duration DEFAULT_SESSION_TTL = Duration.ofHours(1);
  /** Default conversation memory lifetime: one hour (seed 004). */
  public static final Duration DEFAULT_MEMORY_TTL = Duration.ofHours(1);
  /** Default messages kept per conversation: 100. */
  public static final int DEFAULT_MEMORY_MAX_MESSAGES = 100;
  /** Default visibility timeout of a claimed job: 60 s. */
  public static final Duration DEFAULT_QUEUE_VISIBILITY_TIMEOUT = Duration.ofSeconds(60);
  /** Default deliveries before dead-lettering: 5. */
  public static final int DEFAULT_QUEUE_MAX_ATTEMPTS = 5;
  /** Default lock lease: 30 s (seed 004). */
  public static final Duration DEFAULT_LOCK_TTL = Duration.ofSeconds(30);
  /** Default lifetime of a metrics bucket or gauge: 5 minutes (seed 004). */
  public static final Duration DEFAULT_METRICS_TTL = Duration.ofMinutes(5);
  /** Default width of a counter bucket: 60 s. */
  public static final Duration DEFAULT_METRICS_BUCKET = Duration.ofSeconds(60);

  private static final Pattern NODE = Pattern.compile("(\\[[0-9A-Fa-f:.%]+]|[A-Za-z0-9._\\-]+):(\\d{1,5})");
  private static final Pattern KEY_PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}");
  private static final Pattern CLIENT_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|k|kb|m|mb|g|gb)?");
  private static final List<String> URL_SCHEMES =
      List.of("redis", "rediss", "redis-sentinel", "rediss-sentinel");

  /** Validates every field, naming the YAML key of the first bad one. */
  public RedisConfig {
    Checks.host("redis.host", host);
    Checks.port("redis.port", port);
    url = url == null ? Secret.empty() : url;
    if (!url.isEmpty()) {
      checkUrl(url);
    }
    if (username != null && username.isBlank()) {
      username = null;
    }
    password = password == null ? Secret.empty() : password;
    Checks.required("redis.mode", mode);
    nodes = List.copyOf(Checks.required("redis.nodes", nodes));
    for (int i = 0; i < nodes.size(); i++) {
      node("redis.nodes[" + i + "]", nodes.get(i));
    }
    if (sentinelMaster != null && sentinelMaster.isBlank()) {
      sentinelMaster = null;
    }
    sentinelPassword = sentinelPassword == null ? Secret.empty() : sentinelPassword;
    if (mode == Mode.SENTINEL && sentinelMaster == null && !url.reveal().contains("#")) {
      throw new ConfigException("redis.sentinel.master",
          "is required when redis.mode is sentinel (the master name the Sentinels know)");
    }
    if (url.reveal().startsWith("rediss")) {
      tls = true;
    }
    Checks.required("redis.tls.verify", tlsVerify);
    if (tlsCaCert != null && tlsCaCert.isBlank()) {
      tlsCaCert = null;
    }
    if (clientName != null && !CLIENT_NAME.matcher(clientName).matches()) {
      throw new ConfigException("redis.client_name",
          "'" + clientName + "' is not a valid client name (letters, digits, '.', '_', '-'; at most 64)");
    }
    atLeast("redis.connect_timeout", connectTimeout, Duration.ofMillis(100));
    atLeast("redis.command_timeout", commandTimeout, Duration.ofMillis(100));
    if (keyPrefix != null && keyPrefix.isEmpty()) {
      keyPrefix = null;
    }
    if (keyPrefix != null && !KEY_PREFIX.matcher(keyPrefix).matches()) {
      throw new ConfigException("redis.key_prefix",
          "'" + keyPrefix + "' is not a valid prefix (letters, digits, '.', '_', '-', starting with a"
              + " letter or digit; at most 64)");
    }
    Checks.required("redis.slot_mapping", slotMapping);
    if (mode == Mode.CLUSTER && slotMapping == SlotMapping.DATABASES) {
      throw new ConfigException("redis.slot_mapping",
          "must be auto or prefixes when redis.mode is cluster: a Redis Cluster has only DB 0");
    }
    Checks.range("redis.max_value_size", maxValueSize, 1, 512 * 1024 * 1024);
    Checks.positive("redis.cache.min_ttl", minTtl);
    Checks.positive("redis.cache.max_ttl", maxTtl);
    Checks.positive("redis.cache.default_ttl", defaultTtl);
    if (minTtl.compareTo(maxTtl) > 0) {
      throw new ConfigException("redis.cache.min_ttl", "must not exceed redis.cache.max_ttl ("
          + Durations.format(minTtl) + " > " + Durations.format(maxTtl) + ")");
    }
    if (defaultTtl.compareTo(minTtl) < 0 || defaultTtl.compareTo(maxTtl) > 0) {
      throw new ConfigException("redis.cache.default_ttl", "must be between redis.cache.min_ttl ("
          + Durations.format(minTtl) + ") and redis.cache.max_ttl (" + Durations.format(maxTtl)
          + "), was " + Durations.format(defaultTtl));
    }
    if (maxMemory != null && maxMemory.isBlank()) {
      maxMemory = null;
    }
    if (maxMemory != null) {
      parseBytes("redis.cache.max_memory", maxMemory);
    }
    if (evictionPolicy != null && evictionPolicy.isBlank()) {
      evictionPolicy = null;
    }
    atLeast("redis.session.ttl", sessionTtl, Duration.ofSeconds(1));
    atLeast("redis.memory.ttl", memoryTtl, Duration.ofSeconds(1));
    Checks.range("redis.memory.max_messages", memoryMaxMessages, 1, 100_000);
    atLeast("redis.queue.visibility_timeout", queueVisibilityTimeout, Duration.ofMillis(100));
    Checks.range("redis.queue.max_attempts", queueMaxAttempts, 1, 1_000);
    atLeast("redis.lock.ttl", lockTtl, Duration.ofMillis(10));
    atLeast("redis.metrics.bucket", metricsBucket, Duration.ofSeconds(1));
    Checks.positive("redis.metrics.ttl", metricsTtl);
    if (metricsBucket.compareTo(metricsTtl) > 0) {
      throw new ConfigException("redis.metrics.bucket", "must not exceed redis.metrics.ttl ("
          + Durations.format(metricsBucket) + " > " + Durations.format(metricsTtl) + ")");
    }
  }

  /** The slot mapping in force: {@link SlotMapping#AUTO} resolved against the mode. */
  public SlotMapping effectiveSlotMapping() {
    if (slotMapping != SlotMapping.AUTO) {
      return slotMapping;
    }
    return mode == Mode.CLUSTER ? SlotMapping.PREFIXES : SlotMapping.DATABASES;
  }

  /** {@link #maxMemory()} in bytes, as Redis reads it ({@code 1gb} is 2^30); empty when unset. */
  public OptionalLong maxMemoryBytes() {
    return maxMemory == null
        ? OptionalLong.empty()
        : OptionalLong.of(parseBytes("redis.cache.max_memory", maxMemory));
  }

  /**
   * Parses a size the way {@code redis.conf} writes one: bare bytes, or a number with {@code k},
   * {@code kb}, {@code m}, {@code mb}, {@code g}, {@code gb} (all powers of 1024 here), any case.
   *
   * @param key the configuration key, for the message
   * @throws ConfigException when {@code text} is not such a size
   */
  public static long parseBytes(String key, String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new ConfigException(key, "must be a size such as 1048576, 512kb, 64mb or 1gb, was '" + text + "'");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    return switch (unit.charAt(0)) {
      case 'k' -> amount * 1024;
      case 'm' -> amount * 1024 * 1024;
      case 'g' -> amount * 1024 * 1024 * 1024;
      default -> amount;
    };
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

  private static void atLeast(String key, Duration value, Duration min) {
    Checks.positive(key, value);
    if (value.compareTo(min) < 0) {
      throw new ConfigException(key, "must be at least " + Durations.format(min) + ", was "
          + Durations.format(value));
    }
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String key, String text) {
    String normalized = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    List<String> names = new ArrayList<>();
    for (E value : type.getEnumConstants()) {
      if (value.name().equals(normalized)) {
        return value;
      }
      names.add(value.name().toLowerCase(Locale.ROOT));
    }
    throw new ConfigException(key, "must be one of " + String.join(", ", names) + ", was '" + text + "'");
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
        .username(username)
        .password(password)
        .mode(mode)
        .nodes(nodes)
        .sentinelMaster(sentinelMaster)
        .sentinelPassword(sentinelPassword)
        .tls(tls)
        .tlsVerify(tlsVerify)
        .tlsCaCert(tlsCaCert)
        .clientName(clientName)
        .connectTimeout(connectTimeout)
        .commandTimeout(commandTimeout)
        .keyPrefix(keyPrefix)
        .slotMapping(slotMapping)
        .maxValueSize(maxValueSize)
        .defaultTtl(defaultTtl)
        .minTtl(minTtl)
        .maxTtl(maxTtl)
        .maxMemory(maxMemory)
        .evictionPolicy(evictionPolicy)
        .sessionTtl(sessionTtl)
        .memoryTtl(memoryTtl)
        .memoryMaxMessages(memoryMaxMessages)
        .queueVisibilityTimeout(queueVisibilityTimeout)
        .queueMaxAttempts(queueMaxAttempts)
        .lockTtl(lockTtl)
        .metricsTtl(metricsTtl)
        .metricsBucket(metricsBucket);
  }

  /** Mutable builder; not thread-safe. {@link #build()} validates. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private Secret url = Secret.empty();
    private String username;
    private Secret password = Secret.empty();
    private Mode mode = Mode.STANDALONE;
    private List<String> nodes = List.of();
    private String sentinelMaster;
    private Secret sentinelPassword = Secret.empty();
    private boolean tls;
    private TlsVerify tlsVerify = TlsVerify.FULL;
    private String tlsCaCert;
    private String clientName;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private String keyPrefix;
    private SlotMapping slotMapping = SlotMapping.AUTO;
    private int maxValueSize = DEFAULT_MAX_VALUE_SIZE;
    private Duration defaultTtl = DEFAULT_TTL;
    private Duration minTtl = DEFAULT_MIN_TTL;
    private Duration maxTtl = DEFAULT_MAX_TTL;
    private String maxMemory;
    private String evictionPolicy;
    private Duration sessionTtl = DEFAULT_SESSION_TTL;
    private Duration memoryTtl = DEFAULT_MEMORY_TTL;
    private int memoryMaxMessages = DEFAULT_MEMORY_MAX_MESSAGES;
    private Duration queueVisibilityTimeout = DEFAULT_QUEUE_VISIBILITY_TIMEOUT;
    private int queueMaxAttempts = DEFAULT_QUEUE_MAX_ATTEMPTS;
    private Duration lockTtl = DEFAULT_LOCK_TTL;
    private Duration metricsTtl = DEFAULT_METRICS_TTL;
    private Duration metricsBucket = DEFAULT_METRICS_BUCKET;

    private Builder() {}

    /** Host (ignored when a URL is set). */
    public Builder host(String value) {
      this.host = value;
      return this;
    }

    /** Port (ignored when a URL is set). */
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
    public Builder username(String value) {
      this.username = value;
      return this;
    }

    /** Password. */
    public Builder password(Secret value) {
      this.password = Objects.requireNonNull(value, "password");
      return this;
    }

    /** Password in clear text; wrapped in a {@link Secret}. */
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

    /** TLS on or off. */
    public Builder tls(boolean value) {
      this.tls = value;
      return this;
    }

    /** Certificate checks under TLS. */
    public Builder tlsVerify(TlsVerify value) {
      this.tlsVerify = value;
      return this;
    }

    /** PEM file of trusted CAs; null for the JVM's trust store. */
    public Builder tlsCaCert(String value) {
      this.tlsCaCert = value;
      return this;
    }

    /** {@code CLIENT SETNAME}; null means {@code client.name}. */
    public Builder clientName(String value) {
      this.clientName = value;
      return this;
    }

    /** Connect timeout. */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = value;
      return this;
    }

    /** Command timeout. */
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

    /** Default API cache TTL. */
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

    /** Sliding session lifetime. */
    public Builder sessionTtl(Duration value) {
      this.sessionTtl = value;
      return this;
    }

    /** Conversation memory lifetime. */
    public Builder memoryTtl(Duration value) {
      this.memoryTtl = value;
      return this;
    }

    /** Messages kept per conversation. */
    public Builder memoryMaxMessages(int value) {
      this.memoryMaxMessages = value;
      return this;
    }

    /** Visibility timeout of a claimed job. */
    public Builder queueVisibilityTimeout(Duration value) {
      this.queueVisibilityTimeout = value;
      return this;
    }

    /** Deliveries before dead-lettering. */
    public Builder queueMaxAttempts(int value) {
      this.queueMaxAttempts = value;
      return this;
    }

    /** Default lock lease. */
    public Builder lockTtl(Duration value) {
      this.lockTtl = value;
      return this;
    }

    /** Lifetime of a metrics bucket or gauge. */
    public Builder metricsTtl(Duration value) {
      this.metricsTtl = value;
      return this;
    }

    /** Width of a counter bucket. */
    public Builder metricsBucket(Duration value) {
      this.metricsBucket = value;
      return this;
    }

    /** Validates and builds. */
    public RedisConfig build() {
      return new RedisConfig(
          host, port, url, username, password, mode, nodes, sentinelMaster, sentinelPassword,
          tls, tlsVerify, tlsCaCert, clientName, connectTimeout, commandTimeout, keyPrefix,
          slotMapping, maxValueSize, defaultTtl, minTtl, maxTtl, maxMemory, evictionPolicy,
          sessionTtl, memoryTtl, memoryMaxMessages, queueVisibilityTimeout, queueMaxAttempts,
          lockTtl, metricsTtl, metricsBucket);
    }
  }
}
