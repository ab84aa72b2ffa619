package dev.citadel.client.config;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Flyway settings. citadel-client's own migrations (model schemas, per-model LLM tables,
 * metadata tables) keep their history in {@code table}; a host's own migration
 * {@code locations} are applied after ours with their own history in {@code appTable}, so the two
 * version sequences never collide. Migrations always run over the direct endpoint.
 *
 * @param runOnStart whether {@link dev.citadel.client.Citadel#create} migrates before returning
 *     ({@code database.migrations.run_on_start})
 * @param locations the host's extra Flyway locations, e.g. {@code classpath:db/myapp}
 * @param historySchema the schema holding both history tables
 * @param table citadel-client's history table
 * @param appTable the history table for the host's {@code locations}
 */
public record MigrationConfig(
    boolean runOnStart,
    List<String> locations,
    String historySchema,
    String table,
    String appTable) {

  /** Default history table, as in seed 000. */
  public static final String DEFAULT_TABLE = "flyway_schema_history";
  /** Default history table for the host's own migrations. */
  public static final String DEFAULT_APP_TABLE = "flyway_schema_history_app";
  /** Default schema for the history tables. */
  public static final String DEFAULT_HISTORY_SCHEMA = "public";

  /** Defensive copy of {@code locations}. */
  public MigrationConfig {
    locations = List.copyOf(locations);
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
      return new MigrationConfig(runOnStart, locations, historySchema, table, appTable);
    }
  }
}
