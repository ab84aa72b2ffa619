package dev.citadel.client.config;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.internal.Durations;
import dev.citadel.client.config.internal.ModelSchemas;
import dev.citadel.client.config.spi.Checks;
import dev.citadel.client.config.spi.ConfigValue;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * PostgreSQL settings ({@code database:} section): the pooled endpoint (a Pgpool-II or PgBouncer
 * port, or PostgreSQL itself) and the direct endpoint (PostgreSQL's own port, used for migrations
 * and as a fallback), the model registry for schema-per-model routing, TLS and pool sizes.
 * Immutable and validated when built: every failure is a {@link ConfigException} naming the YAML
 * key; the password is never part of a message or of {@link #toString()}.
 *
 * <p>Four timeouts, each named for what it bounds: {@link #connectTimeout()} (opening a new
 * physical connection), {@link PoolConfig#waitTimeout()} (waiting for a pooled connection),
 * {@link #statementTimeout()} (one statement, enforced by the server) and {@link #socketTimeout()}
 * (any single network read, enforced by the driver: a hung server or half-open connection).
 */
public final class DatabaseConfig extends ConfigValue {

  /** The nine model schemas of the Citadel deployment (seed 000), registered by default. */
  public static final List<String> DEFAULT_MODELS =
      List.of(
          "deepcoder", "deepseek", "hermes", "imp", "mimo", "mixtral", "openchat", "phi3", "yi34");
  /** Default host. */
  public static final String DEFAULT_HOST = "localhost";
  /** Default port (PostgreSQL's). */
  public static final int DEFAULT_PORT = 5432;
  /** Default {@code application_name}. */
  public static final String DEFAULT_APPLICATION_NAME = "citadel-client";
  /** Default statement timeout: 30 s. */
  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);
  /** Default connect timeout: 10 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /**
   * What the default {@code database.socket_timeout} adds to {@code statement_timeout}: 5 s, time
   * for the server's cancellation to come back over a slow network.
   */
  public static final Duration SOCKET_TIMEOUT_MARGIN = Duration.ofSeconds(5);
  /** Default TLS: {@code prefer} (PgJDBC's default), the JVM's trust store. */
  public static final TlsOptions DEFAULT_TLS = TlsOptions.of(TlsMode.PREFER);
  /** Default direct endpoint pool: none idle, at most 4 (migrations, health, admin). */
  public static final PoolConfig DEFAULT_DIRECT_POOL =
      PoolConfig.builder().minConnections(0).maxConnections(4).build();
  /** Default metadata schema. */
  public static final String DEFAULT_METADATA_SCHEMA = "citadel";
  /** Default number of runs of a conflicting transaction. */
  public static final int DEFAULT_TRANSACTION_MAX_ATTEMPTS = 3;
  /**
   * Default bound of a read-your-writes wait ({@code database.replica_wait_timeout}): 1 s, after
   * which the read goes to the primary.
   */
  public static final Duration DEFAULT_REPLICA_WAIT_TIMEOUT = Duration.ofSeconds(1);

  private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,62}");

  private final String host;
  private final int port;
  private final String directHost;
  private final int directPort;
  private final String database;
  private final String user;
  private final Secret password;
  private final String applicationName;
  private final Duration statementTimeout;
  private final Duration connectTimeout;
  private final Duration socketTimeout;
  private final TlsOptions tls;
  private final boolean transactionPooler;
  private final PoolConfig pool;
  private final PoolConfig directPool;
  private final Map<String, String> models;
  private final String metadataSchema;
  private final MigrationConfig migrations;
  private final int transactionMaxAttempts;
  private final List<String> configuredHosts;
  private final List<String> configuredDirectHosts;
  private final List<String> configuredReadHosts;
  private final boolean directSingle;
  private final String configuredDirectHost;
  private final Integer configuredDirectPort;
  private final List<String> hosts;
  private final List<String> directHosts;
  private final List<String> readHosts;
  private final Duration replicaWaitTimeout;

  private DatabaseConfig(Builder b, Map<String, String> resolvedModels) {
    host = Checks.host("database.host", b.host);
    port = Checks.port("database.port", b.port);
    directHost = b.directHost == null ? host : Checks.host("database.direct_host", b.directHost);
    directPort = Checks.port("database.direct_port", b.directPort == null ? port : b.directPort);
    configuredHosts = hostList("database.hosts", b.hosts, port);
    configuredDirectHosts = hostList("database.direct_hosts", b.directHosts, directPort);
    configuredReadHosts = hostList("database.read_hosts", b.readHosts, port);
    directSingle = b.directHost != null || b.directPort != null;
    configuredDirectHost = b.directHost;
    configuredDirectPort = b.directPort;
    if (directSingle && !configuredDirectHosts.isEmpty()) {
      throw new ConfigException("database.direct_hosts",
          "cannot be combined with database.direct_host / database.direct_port: list every direct host in"
              + " database.direct_hosts");
    }
    hosts = configuredHosts.isEmpty() ? List.of(hostPort(host, port)) : configuredHosts;
    directHosts = !configuredDirectHosts.isEmpty() ? configuredDirectHosts
        : directSingle || configuredHosts.isEmpty() ? List.of(hostPort(directHost, directPort)) : hosts;
    readHosts = configuredReadHosts.isEmpty() ? hosts : configuredReadHosts;
    replicaWaitTimeout = Checks.positive("database.replica_wait_timeout", b.replicaWaitTimeout);
    database = Checks.requiredText("database.database", b.database);
    user = Checks.requiredText("database.user", b.user);
    password = b.password;
    applicationName = Checks.requiredText("database.application_name", b.applicationName);
    statementTimeout = Checks.nonNegative("database.statement_timeout", b.statementTimeout);
    connectTimeout = Checks.positive("database.connect_timeout", b.connectTimeout);
    socketTimeout = Checks.nonNegative("database.socket_timeout",
        b.socketTimeout == null ? defaultSocketTimeout(statementTimeout) : b.socketTimeout);
    if (!statementTimeout.isZero() && socketTimeout.compareTo(statementTimeout) <= 0) {
      throw new ConfigException("database.socket_timeout",
          "must be longer than database.statement_timeout (" + Durations.format(statementTimeout)
              + "), so a statement the server cancels is not cut off first; was "
              + Durations.format(socketTimeout));
    }
    tls = Checks.required("database.tls", b.tls).check("database.tls", TlsMode.values());
    transactionPooler = b.transactionPooler;
    pool = Checks.required("database.pool", b.pool);
    pool.validate("database.pool");
    directPool = Checks.required("database.direct_pool", b.directPool);
    directPool.validate("database.direct_pool");
    if (directPool.maxConnections() < 2) {
      throw new ConfigException("database.direct_pool.max_connections",
          "must be at least 2 (Flyway holds one connection for its lock and migrates on another), was "
              + directPool.maxConnections());
    }
    Map<String, String> copy = new LinkedHashMap<>();
    resolvedModels.forEach(
        (name, schema) -> {
          if (name == null || !MODEL_NAME.matcher(name).matches()) {
            throw new ConfigException(
                "database.models",
                "'" + name + "' is not a valid model name (letters, digits, '.', '_', '-';"
                    + " at most 63 characters)");
          }
          copy.put(name, ModelSchemas.check("database.models." + name, name, schema));
        });
    models = Collections.unmodifiableMap(copy);
    metadataSchema = Checks.identifier("database.metadata_schema", b.metadataSchema);
    migrations = Checks.required("database.migrations", b.migrations);
    migrations.validate("database.migrations");
    transactionMaxAttempts = Checks.range("database.transaction_max_attempts", b.transactionMaxAttempts, 1, 100);
  }

  /** Pooled endpoint host ({@code database.host}, default {@code localhost}). */
  public String host() {
    return host;
  }

  /** Pooled endpoint port ({@code database.port}, default 5432). */
  public int port() {
    return port;
  }

  /** Direct endpoint host ({@code database.direct_host}, default: {@link #host()}). */
  public String directHost() {
    return directHost;
  }

  /** Direct endpoint port ({@code database.direct_port}, default: {@link #port()}). */
  public int directPort() {
    return directPort;
  }

  /**
   * The pooled endpoint's servers as {@code host:port} ({@code database.hosts}; default the one
   * {@code database.host:port}). With several, new connections go to the one that is the primary
   * (PgJDBC {@code targetServerType=primary}), so writes follow a promoted replica.
   */
  public List<String> hosts() {
    return hosts;
  }

  /**
   * The direct endpoint's servers as {@code host:port} ({@code database.direct_hosts}; default
   * {@code database.direct_host:direct_port} when either is set, else {@link #hosts()}). With
   * several, the primary among them.
   */
  public List<String> directHosts() {
    return directHosts;
  }

  /**
   * The read endpoint's servers as {@code host:port} ({@code database.read_hosts}; default
   * {@link #hosts()}): a replica (hot standby) among them when one answers, chosen at random per
   * new connection, else the primary.
   */
  public List<String> readHosts() {
    return readHosts;
  }

  /** Whether {@code database.read_hosts} names servers of their own (not the pooled endpoint's). */
  public boolean readHostsConfigured() {
    return !configuredReadHosts.isEmpty();
  }

  /**
   * The longest a read-your-writes read waits for its replica to replay the write
   * ({@code database.replica_wait_timeout}, default 1 s) before it reads the primary instead.
   */
  public Duration replicaWaitTimeout() {
    return replicaWaitTimeout;
  }

  /** Database name ({@code database.database}, required). */
  public String database() {
    return database;
  }

  /** User name ({@code database.user}, required). */
  public String user() {
    return user;
  }

  /** Password ({@code database.password}); masked everywhere; empty for none. */
  public Secret password() {
    return password;
  }

  /** Reported to the server as {@code application_name}. */
  public String applicationName() {
    return applicationName;
  }

  /**
   * Per-call bound of one statement ({@code database.statement_timeout}, default 30 s): the
   * server's {@code statement_timeout}, set once per connection, or behind a transaction pooler a
   * client-side cancel per statement; zero disables it.
   */
  public Duration statementTimeout() {
    return statementTimeout;
  }

  /**
   * Connect bound: TCP connect and login of a new physical connection
   * ({@code database.connect_timeout}, default 10 s).
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * Read bound: the longest any single network read from PostgreSQL may block
   * ({@code database.socket_timeout}, whole seconds, rounded up): a hung server or a half-open
   * connection fails the call with {@code UnavailableException} after this long instead of waiting
   * for TCP to notice (15 min to 2 h). Default {@link #defaultSocketTimeout(Duration)}; longer
   * than {@code statement_timeout}, so a statement the server cancels in time is never cut off
   * first; zero means no bound.
   */
  public Duration socketTimeout() {
    return socketTimeout;
  }

  /**
   * The {@code database.socket_timeout} used when none is set: {@code statementTimeout} plus
   * {@link #SOCKET_TIMEOUT_MARGIN}, or zero (no bound) when {@code statementTimeout} is zero.
   */
  public static Duration defaultSocketTimeout(Duration statementTimeout) {
    return statementTimeout.isZero() ? Duration.ZERO : statementTimeout.plus(SOCKET_TIMEOUT_MARGIN);
  }

  /**
   * TLS ({@code database.tls.mode}, default {@code prefer}; {@code database.tls.ca_file}, default
   * PgJDBC's {@code ~/.postgresql/root.crt}).
   */
  public TlsOptions tls() {
    return tls;
  }

  /**
   * Whether the pooled endpoint is PgBouncer in transaction mode (or similar): no server-side
   * prepared statements and no session state are used on it.
   */
  public boolean transactionPooler() {
    return transactionPooler;
  }

  /** The pooled endpoint's pool ({@code database.pool.*}). */
  public PoolConfig pool() {
    return pool;
  }

  /**
   * The direct endpoint's pool ({@code database.direct_pool.*}; small: migrations, health, admin).
   */
  public PoolConfig directPool() {
    return directPool;
  }

  /** Model name to schema name, in registration order; unmodifiable. */
  public Map<String, String> models() {
    return models;
  }

  /** Schema for the metadata tables (users, collections, ...). */
  public String metadataSchema() {
    return metadataSchema;
  }

  /** Flyway settings ({@code database.migrations.*}). */
  public MigrationConfig migrations() {
    return migrations;
  }

  /**
   * How many times a transaction failing with a serialization failure or deadlock is run in total
   * ({@code database.transaction_max_attempts}, default 3).
   */
  public int transactionMaxAttempts() {
    return transactionMaxAttempts;
  }

  /** A builder with the documented defaults and the nine default models. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values (the model map as resolved, defaults included). */
  public Builder toBuilder() {
    return new Builder()
        .host(host)
        .port(port)
        .directHost(configuredDirectHost)
        .directPortIfSet(configuredDirectPort)
        .hosts(configuredHosts)
        .directHosts(configuredDirectHosts)
        .readHosts(configuredReadHosts)
        .replicaWaitTimeout(replicaWaitTimeout)
        .database(database)
        .user(user)
        .password(password)
        .applicationName(applicationName)
        .statementTimeout(statementTimeout)
        .connectTimeout(connectTimeout)
        // A derived socket timeout stays derived, so that changing the statement timeout on the
        // builder moves it along instead of failing validation.
        .socketTimeout(socketTimeout.equals(defaultSocketTimeout(statementTimeout)) ? null : socketTimeout)
        .tls(tls)
        .transactionPooler(transactionPooler)
        .pool(pool)
        .directPool(directPool)
        .includeDefaultModels(false)
        .models(models)
        .metadataSchema(metadataSchema)
        .migrations(migrations)
        .transactionMaxAttempts(transactionMaxAttempts);
  }

  @Override
  protected Object[] namedFields() {
    return new Object[] {"host", host, "port", port, "directHost", directHost,
        "directPort", directPort, "database", database, "user", user, "password", password,
        "applicationName", applicationName, "statementTimeout", statementTimeout,
        "connectTimeout", connectTimeout, "socketTimeout", socketTimeout, "tls", tls, "transactionPooler", transactionPooler,
        "pool", pool, "directPool", directPool, "models", models, "metadataSchema", metadataSchema,
        "migrations", migrations, "transactionMaxAttempts", transactionMaxAttempts,
        "hosts", configuredHosts, "directHosts", configuredDirectHosts, "readHosts", configuredReadHosts,
        "directSingle", directSingle, "replicaWaitTimeout", replicaWaitTimeout};
  }

  /** {@code host:port} entries, each checked; a bare host takes {@code defaultPort}. */
  private static List<String> hostList(String key, List<String> entries, int defaultPort) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String entry = entries.get(i) == null ? "" : entries.get(i).trim();
      String itemKey = key + "[" + i + "]";
      String hostPart = entry;
      int entryPort = defaultPort;
      int colon = entry.lastIndexOf(':');
      boolean bracketed = entry.startsWith("[");
      if (colon > 0 && (bracketed ? entry.lastIndexOf(']') < colon : entry.indexOf(':') == colon)) {
        hostPart = entry.substring(0, colon);
        try {
          entryPort = Integer.parseInt(entry.substring(colon + 1));
        } catch (NumberFormatException e) {
          throw new ConfigException(itemKey, "must be host or host:port, was '" + entry + "'");
        }
      }
      if (bracketed && hostPart.endsWith("]")) {
        hostPart = hostPart.substring(1, hostPart.length() - 1);
      }
      String entryHost = Checks.host(itemKey, hostPart);
      String normal = hostPort(entryHost, Checks.port(itemKey, entryPort));
      if (out.contains(normal)) {
        throw new ConfigException(itemKey, "names " + normal + " twice");
      }
      out.add(normal);
    }
    return List.copyOf(out);
  }

  private static String hostPort(String host, int port) {
    return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  /** Mutable builder; not thread-safe. {@link #build()} validates. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private String directHost;
    private Integer directPort;
    private String database;
    private String user;
    private Secret password = Secret.empty();
    private String applicationName = DEFAULT_APPLICATION_NAME;
    private Duration statementTimeout = DEFAULT_STATEMENT_TIMEOUT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration socketTimeout;
    private TlsOptions tls = DEFAULT_TLS;
    private boolean transactionPooler;
    private PoolConfig pool = PoolConfig.builder().build();
    private PoolConfig directPool = DEFAULT_DIRECT_POOL;
    private boolean includeDefaultModels = true;
    private final Map<String, String> models = new LinkedHashMap<>();
    private String metadataSchema = DEFAULT_METADATA_SCHEMA;
    private MigrationConfig migrations = MigrationConfig.builder().build();
    private int transactionMaxAttempts = DEFAULT_TRANSACTION_MAX_ATTEMPTS;
    private List<String> hosts = List.of();
    private List<String> directHosts = List.of();
    private List<String> readHosts = List.of();
    private Duration replicaWaitTimeout = DEFAULT_REPLICA_WAIT_TIMEOUT;

    private Builder() {}

    /**
     * The pooled endpoint's servers, {@code host} or {@code host:port} each (port default
     * {@code database.port}); empty (the default) means {@code database.host:port} alone.
     */
    public Builder hosts(List<String> value) {
      this.hosts = List.copyOf(Objects.requireNonNull(value, "hosts"));
      return this;
    }

    /** The direct endpoint's servers, like {@link #hosts(List)}; empty means the default. */
    public Builder directHosts(List<String> value) {
      this.directHosts = List.copyOf(Objects.requireNonNull(value, "directHosts"));
      return this;
    }

    /** The read endpoint's servers, like {@link #hosts(List)}; empty means {@code hosts}. */
    public Builder readHosts(List<String> value) {
      this.readHosts = List.copyOf(Objects.requireNonNull(value, "readHosts"));
      return this;
    }

    /** The longest a read-your-writes read waits for its replica. */
    public Builder replicaWaitTimeout(Duration value) {
      this.replicaWaitTimeout = value;
      return this;
    }

    private Builder directPortIfSet(Integer value) {
      this.directPort = value;
      return this;
    }

    /** Pooled endpoint host. */
    public Builder host(String value) {
      this.host = value;
      return this;
    }

    /** Pooled endpoint port. */
    public Builder port(int value) {
      this.port = value;
      return this;
    }

    /** Direct endpoint host; null means the pooled endpoint's host. */
    public Builder directHost(String value) {
      this.directHost = value;
      return this;
    }

    /** Direct endpoint port; unset means the pooled endpoint's port. */
    public Builder directPort(int value) {
      this.directPort = value;
      return this;
    }

    /** Database name. */
    public Builder database(String value) {
      this.database = value;
      return this;
    }

    /** User name. */
    public Builder user(String value) {
      this.user = value;
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

    /** {@code application_name}. */
    public Builder applicationName(String value) {
      this.applicationName = value;
      return this;
    }

    /** Statement timeout; {@link Duration#ZERO} disables it. */
    public Builder statementTimeout(Duration value) {
      this.statementTimeout = value;
      return this;
    }

    /** Connect/login timeout for new physical connections. */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = value;
      return this;
    }

    /**
     * The longest a single network read may block; null (the default) means
     * {@link #defaultSocketTimeout(Duration)} of the statement timeout, {@link Duration#ZERO} no
     * bound.
     */
    public Builder socketTimeout(Duration value) {
      this.socketTimeout = value;
      return this;
    }

    /** TLS mode and CA file. */
    public Builder tls(TlsOptions value) {
      this.tls = Objects.requireNonNull(value, "tls");
      return this;
    }

    /** TLS mode with the default trust store (shorthand for {@code tls(TlsOptions.of(mode))}). */
    public Builder tls(TlsMode mode) {
      return tls(TlsOptions.of(mode));
    }

    /** Whether the pooled endpoint is a transaction pooler (PgBouncer transaction mode). */
    public Builder transactionPooler(boolean value) {
      this.transactionPooler = value;
      return this;
    }

    /** The pooled endpoint's pool. */
    public Builder pool(PoolConfig value) {
      this.pool = value;
      return this;
    }

    /** The direct endpoint's pool. */
    public Builder directPool(PoolConfig value) {
      this.directPool = value;
      return this;
    }

    /** Whether the nine {@link #DEFAULT_MODELS} are registered (default true). */
    public Builder includeDefaultModels(boolean value) {
      this.includeDefaultModels = value;
      return this;
    }

    /** Adds models from a model-to-schema map (later entries win). */
    public Builder models(Map<String, String> value) {
      models.putAll(Objects.requireNonNull(value, "models"));
      return this;
    }

    /** Registers a model whose schema has the same name as the model. */
    public Builder addModel(String name) {
      return addModel(name, name);
    }

    /** Registers a model routed to {@code schema}. */
    public Builder addModel(String name, String schema) {
      models.put(Objects.requireNonNull(name, "name"), schema);
      return this;
    }

    /** Schema for the metadata tables. */
    public Builder metadataSchema(String value) {
      this.metadataSchema = value;
      return this;
    }

    /** Flyway settings. */
    public Builder migrations(MigrationConfig value) {
      this.migrations = value;
      return this;
    }

    /** Total runs of a transaction that hits a serialization failure or deadlock. */
    public Builder transactionMaxAttempts(int value) {
      this.transactionMaxAttempts = value;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws ConfigException naming the first bad key
     */
    public DatabaseConfig build() {
      Map<String, String> resolved = new LinkedHashMap<>();
      if (includeDefaultModels) {
        DEFAULT_MODELS.forEach(m -> resolved.put(m, m));
      }
      resolved.putAll(models);
      return new DatabaseConfig(this, resolved);
    }
  }
}
