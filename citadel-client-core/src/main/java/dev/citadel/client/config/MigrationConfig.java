package dev.citadel.client.config;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.spi.Checks;
import dev.citadel.client.config.spi.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Flyway settings. citadel-client's own migrations (model schemas, per-model LLM tables,
 * metadata tables) keep their history in {@link #table()}; modules on the class path apply theirs
 * with their own history tables; a host's own migration {@link #locations()} are applied last with
 * their own history in {@link #appTable()}, so no two version sequences collide. Migrations always
 * run over the direct endpoint. Immutable; validated by the owning {@link DatabaseConfig}.
 */
public final class MigrationConfig extends ConfigValue {

  /** Default history table, as in seed 000. */
  public static final String DEFAULT_TABLE = "flyway_schema_history";
  /** Default history table for the host's own migrations. */
  public static final String DEFAULT_APP_TABLE = "flyway_schema_history_app";
  /** Default schema for the history tables. */
  public static final String DEFAULT_HISTORY_SCHEMA = "public";

  private final boolean runOnStart;
  private final List<String> locations;
  private final String historySchema;
  private final String table;
  private final String appTable;

  private MigrationConfig(Builder b) {
    this.runOnStart = b.runOnStart;
    this.locations = List.copyOf(b.locations);
    this.historySchema = b.historySchema;
    this.table = b.table;
    this.appTable = b.appTable;
  }

  /**
   * Whether {@link dev.citadel.client.Citadel#create} migrates before returning
   * ({@code database.migrations.run_on_start}, default false).
   */
  public boolean runOnStart() {
    return runOnStart;
  }

  /** The host's extra Flyway locations, e.g. {@code classpath:db/myapp}; unmodifiable. */
  public List<String> locations() {
    return locations;
  }

  /** The schema holding the history tables. */
  public String historySchema() {
    return historySchema;
  }

  /** citadel-client's history table. */
  public String table() {
    return table;
  }

  /** The history table for the host's {@link #locations()}. */
  public String appTable() {
    return appTable;
  }

  void validate(String prefix) {
    for (int i = 0; i < locations.size(); i++) {
      Checks.requiredText(prefix + ".locations[" + i + "]", locations.get(i));
    }
    Checks.identifier(prefix + ".history_schema", historySchema);
    Checks.identifier(prefix + ".table", table);
    Checks.identifier(prefix + ".app_table", appTable);
    if (table.equals(appTable)) {
      throw new ConfigException(
          prefix + ".app_table", "must differ from " + prefix + ".table ('" + table + "')");
    }
  }

  /** A builder with the defaults: no run on start, no extra locations. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder()
        .runOnStart(runOnStart)
        .locations(locations)
        .historySchema(historySchema)
        .table(table)
        .appTable(appTable);
  }

  @Override
  protected Object[] namedFields() {
    return new Object[] {"runOnStart", runOnStart, "locations", locations,
        "historySchema", historySchema, "table", table, "appTable", appTable};
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private boolean runOnStart;
    private final List<String> locations = new ArrayList<>();
    private String historySchema = DEFAULT_HISTORY_SCHEMA;
    private String table = DEFAULT_TABLE;
    private String appTable = DEFAULT_APP_TABLE;

    private Builder() {}

    /** Migrate when the client is created. */
    public Builder runOnStart(boolean value) {
      this.runOnStart = value;
      return this;
    }

    /** Replaces the host's extra Flyway locations. */
    public Builder locations(List<String> values) {
      locations.clear();
      locations.addAll(Objects.requireNonNull(values, "locations"));
      return this;
    }

    /** Adds one Flyway location of the host's, e.g. {@code classpath:db/myapp}. */
    public Builder addLocation(String value) {
      locations.add(Objects.requireNonNull(value, "location"));
      return this;
    }

    /** Schema of the history tables. */
    public Builder historySchema(String value) {
      this.historySchema = value;
      return this;
    }

    /** citadel-client's history table. */
    public Builder table(String value) {
      this.table = value;
      return this;
    }

    /** The host's history table. */
    public Builder appTable(String value) {
      this.appTable = value;
      return this;
    }

    /** Builds the config; validated by the owning {@link DatabaseConfig}. */
    public MigrationConfig build() {
      return new MigrationConfig(this);
    }
  }
}
