package dev.citadel.client.config;

import dev.citadel.client.config.spi.Checks;
import dev.citadel.client.config.spi.ConfigValue;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything citadel-client needs, from one source: a YAML file in the layout of the Citadel
 * {@code database.yaml}, documented key values (e.g. from the test kit), environment variables,
 * a builder, or all of them (see {@link #loader()} for precedence). Core owns the {@code client},
 * {@code database}, {@code audit}, {@code auth} and {@code resilience} sections; a module owns its
 * own section (named after its backend) and finds it with {@link #section(Class)}. Immutable and
 * thread-safe; secrets are masked in {@link #toString()}.
 */
public final class CitadelConfig extends ConfigValue {

  /** Default {@code client.name}. */
  public static final String DEFAULT_CLIENT_NAME = "citadel";

  private final String clientName;
  private final DatabaseConfig database;
  private final AuditConfig audit;
  private final AuthConfig auth;
  private final ResilienceConfig resilience;
  private final Map<Class<?>, Object> moduleSections;

  private CitadelConfig(Builder b) {
    this.clientName = b.clientName;
    Checks.identifier("client.name", clientName == null ? null : clientName.replace('-', '_'));
    this.database = b.database;
    this.audit = b.audit;
    this.auth = b.auth;
    this.resilience = b.resilience;
    this.moduleSections = Collections.unmodifiableMap(new LinkedHashMap<>(b.moduleSections));
  }

  /** Names this client in metrics, pool names and logs ({@code client.name}). */
  public String clientName() {
    return clientName;
  }

  /** PostgreSQL settings, or null when the config has no {@code database} section. */
  public DatabaseConfig database() {
    return database;
  }

  /** The database section, if configured. */
  public Optional<DatabaseConfig> databaseSection() {
    return Optional.ofNullable(database);
  }

  /** Audit writer settings (the defaults when the config has no {@code audit} section). */
  public AuditConfig audit() {
    return audit;
  }

  /**
   * API-key settings (the defaults, without a pepper, when the config has no {@code auth} section).
   */
  public AuthConfig auth() {
    return auth;
  }

  /** Retry and circuit-breaker settings shared by every backend. */
  public ResilienceConfig resilience() {
    return resilience;
  }

  /**
   * The section of type {@code type} if the config has it: a module's section (e.g. the cache
   * module's section class) or one of core's ({@link DatabaseConfig}, {@link AuditConfig},
   * {@link AuthConfig}, {@link ResilienceConfig}). Empty when the section is not configured.
   */
  public <T> Optional<T> section(Class<T> type) {
    Objects.requireNonNull(type, "type");
    Object core = type == DatabaseConfig.class ? database
        : type == AuditConfig.class ? audit
        : type == AuthConfig.class ? auth
        : type == ResilienceConfig.class ? resilience
        : moduleSections.get(type);
    return Optional.ofNullable(core).map(type::cast);
  }

  /** The modules' sections present in this config, in the order they were added. */
  public Collection<Object> moduleSections() {
    return moduleSections.values();
  }

  /**
   * A loader reading, in increasing precedence: built-in defaults, an optional YAML file (with
   * {@code ${VAR}} and {@code ${VAR:-default}} interpolation), values given by key name, then
   * environment variables ({@code POSTGRES_*} and {@code CITADEL_*}). Call {@link #toBuilder()}
   * on the result to override anything in code; code wins over every other source.
   */
  public static ConfigLoader loader() {
    return new ConfigLoader();
  }

  /**
   * Loads {@code yamlFile} with environment overrides from {@link System#getenv()}.
   *
   * @throws dev.citadel.client.ConfigException when the file does not exist ("config file ... does
   *     not exist") or cannot be read, or for an unknown key or variable or a bad value
   */
  public static CitadelConfig load(Path yamlFile) {
    return loader().file(yamlFile).load();
  }

  /**
   * Loads from values by documented key name alone, ignoring the process environment: how tests
   * and examples turn the test kit's ready configuration into a config.
   *
   * @param keyValues e.g. {@code database.port} to {@code 5433}; see {@link ConfigLoader#values(Map)}
   * @throws dev.citadel.client.ConfigException for an unknown key or a bad value
   */
  public static CitadelConfig fromValues(Map<String, ?> keyValues) {
    return loader().environment(Map.of()).values(keyValues).load();
  }

  /** Loads from environment variables only ({@code POSTGRES_*}, {@code CITADEL_*}). */
  public static CitadelConfig fromEnvironment() {
    return loader().load();
  }

  /** A builder with defaults and no database or module section. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    Builder b = new Builder()
        .clientName(clientName)
        .database(database)
        .audit(audit)
        .auth(auth)
        .resilience(resilience);
    b.moduleSections.putAll(moduleSections);
    return b;
  }

  @Override
  protected Object[] namedFields() {
    return new Object[] {"clientName", clientName, "database", database, "audit", audit,
        "resilience", resilience, "moduleSections", moduleSections};
  }

  /** Every section, secrets masked. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("CitadelConfig[clientName=").append(clientName)
        .append(", database=").append(database)
        .append(", audit=").append(audit)
        .append(", auth=").append(auth)
        .append(", resilience=").append(resilience);
    for (Object section : moduleSections.values()) {
      s.append(", ").append(section);
    }
    return s.append(']').toString();
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private String clientName = DEFAULT_CLIENT_NAME;
    private DatabaseConfig database;
    private AuditConfig audit = AuditConfig.builder().build();
    private AuthConfig auth = AuthConfig.builder().build();
    private ResilienceConfig resilience = ResilienceConfig.defaults();
    private final Map<Class<?>, Object> moduleSections = new LinkedHashMap<>();

    private Builder() {}

    /** Client name (letters, digits, '_' and '-'). */
    public Builder clientName(String value) {
      this.clientName = value;
      return this;
    }

    /** The database section; null removes it. */
    public Builder database(DatabaseConfig value) {
      this.database = value;
      return this;
    }

    /** Audit writer settings. */
    public Builder audit(AuditConfig value) {
      this.audit = Objects.requireNonNull(value, "audit");
      return this;
    }

    /** API-key settings. */
    public Builder auth(AuthConfig value) {
      this.auth = Objects.requireNonNull(value, "auth");
      return this;
    }

    /** Retry and breaker settings. */
    public Builder resilience(ResilienceConfig value) {
      this.resilience = Objects.requireNonNull(value, "resilience");
      return this;
    }

    /**
     * Adds or replaces a section, found later by its class with {@link CitadelConfig#section}: a
     * module's or one of core's, which goes to its own setter.
     */
    public Builder section(Object value) {
      Objects.requireNonNull(value, "value");
      if (value instanceof DatabaseConfig d) {
        return database(d);
      } else if (value instanceof AuditConfig a) {
        return audit(a);
      } else if (value instanceof AuthConfig a) {
        return auth(a);
      } else if (value instanceof ResilienceConfig r) {
        return resilience(r);
      }
      moduleSections.put(value.getClass(), value);
      return this;
    }

    /** Removes a module's section of {@code type}, if present. */
    public Builder removeSection(Class<?> type) {
      moduleSections.remove(type);
      return this;
    }

    /** Validates and builds. */
    public CitadelConfig build() {
      return new CitadelConfig(this);
    }
  }
}
