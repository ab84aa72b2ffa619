package dev.citadel.client.config;

import dev.citadel.client.config.internal.Checks;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything citadel-client needs, from one source: a YAML file in the layout of the Citadel
 * {@code database.yaml}, environment variables, a builder, or all three (see {@link #loader()}
 * for precedence). Immutable and thread-safe; secrets are masked in {@link #toString()}.
 *
 * @param clientName names this client in metrics, pool names and logs ({@code client.name})
 * @param database PostgreSQL settings, or null when the file configures none
 * @param redis Redis settings, or null when the file configures none
 * @param qdrant Qdrant settings, or null when the file configures none
 * @param audit audit writer settings, or null for the defaults
 * @param auth API-key settings, or null for the defaults (no pepper: keys unavailable)
 * @param resilience retry and circuit-breaker settings shared by every backend
 */
public record CitadelConfig(
    String clientName,
    DatabaseConfig database,
    RedisConfig redis,
    QdrantConfig qdrant,
    AuditConfig audit,
    AuthConfig auth,
    ResilienceConfig resilience) {

  /** Default {@code client.name}. */
  public static final String DEFAULT_CLIENT_NAME = "citadel";

  /** Validates every field. */
  public CitadelConfig {
    Checks.identifier("client.name", clientName == null ? null : clientName.replace('-', '_'));
    resilience = resilience == null ? ResilienceConfig.defaults() : resilience;
    audit = audit == null ? AuditConfig.builder().build() : audit;
    auth = auth == null ? AuthConfig.builder().build() : auth;
  }

  /** The database section, if configured. */
  public Optional<DatabaseConfig> databaseSection() {
    return Optional.ofNullable(database);
  }

  /** The redis section, if configured. */
  public Optional<RedisConfig> redisSection() {
    return Optional.ofNullable(redis);
  }

  /** The qdrant section, if configured. */
  public Optional<QdrantConfig> qdrantSection() {
    return Optional.ofNullable(qdrant);
  }

  /**
   * A loader reading, in increasing precedence: built-in defaults, then an optional YAML file
   * (with {@code ${VAR}} and {@code ${VAR:-default}} interpolation), then environment variables
   * ({@code POSTGRES_*} and {@code CITADEL_*}). Call {@link #toBuilder()} on the result to
   * override anything in code; code wins over every other source.
   */
  public static ConfigLoader loader() {
    return new ConfigLoader();
  }

  /** Loads {@code yamlFile} with environment overrides from {@link System#getenv()}. */
  public static CitadelConfig load(Path yamlFile) {
    return loader().file(yamlFile).load();
  }

  /** Loads from environment variables only ({@code POSTGRES_*}, {@code CITADEL_*}). */
  public static CitadelConfig fromEnvironment() {
    return loader().load();
  }

  /** A builder with defaults and no sections. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder()
        .clientName(clientName)
        .database(database)
        .redis(redis)
        .qdrant(qdrant)
        .audit(audit)
        .auth(auth)
        .resilience(resilience);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private String clientName = DEFAULT_CLIENT_NAME;
    private DatabaseConfig database;
    private RedisConfig redis;
    private QdrantConfig qdrant;
    private AuditConfig audit = AuditConfig.builder().build();
    private AuthConfig auth = AuthConfig.builder().build();
    private ResilienceConfig resilience = ResilienceConfig.defaults();

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

    /** The redis section; null removes it. */
    public Builder redis(RedisConfig value) {
      this.redis = value;
      return this;
    }

    /** The qdrant section; null removes it. */
    public Builder qdrant(QdrantConfig value) {
      this.qdrant = value;
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

    /** Validates and builds. */
    public CitadelConfig build() {
      return new CitadelConfig(clientName, database, redis, qdrant, audit, auth, resilience);
    }
  }
}
