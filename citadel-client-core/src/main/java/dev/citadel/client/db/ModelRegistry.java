package dev.citadel.client.db;

import dev.citadel.client.UnknownModelException;
import dev.citadel.client.config.DatabaseConfig;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The models this client knows and the schema each one's data lives in. Built from
 * {@link DatabaseConfig#models()}: by default the nine Citadel models, each in a schema of its
 * own name, plus configured ones. Schema names are validated identifiers (lower-case letters,
 * digits, {@code _}), so no model name can inject SQL. Immutable and thread-safe.
 */
public final class ModelRegistry {
  private final Map<String, String> schemaByModel;

  private ModelRegistry(Map<String, String> schemaByModel) {
    this.schemaByModel = schemaByModel;
  }

  /** The registry described by {@code config}. */
  public static ModelRegistry of(DatabaseConfig config) {
    return new ModelRegistry(config.models());
  }

  /**
   * The schema of {@code model}.
   *
   * @throws UnknownModelException when the model is not registered
   */
  public String schemaFor(String model) {
    Objects.requireNonNull(model, "model");
    String schema = schemaByModel.get(model);
    if (schema == null) {
      throw new UnknownModelException(model, schemaByModel.keySet());
    }
    return schema;
  }

  /** Whether {@code model} is registered. */
  public boolean contains(String model) {
    return schemaByModel.containsKey(model);
  }

  /** Registered model names, in registration order. */
  public Set<String> models() {
    return schemaByModel.keySet();
  }

  /** Distinct schemas of all models, in registration order. */
  public Collection<String> schemas() {
    return new LinkedHashSet<>(schemaByModel.values());
  }

  @Override
  public String toString() {
    return "ModelRegistry" + schemaByModel;
  }
}
