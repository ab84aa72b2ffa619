package dev.citadel.client.config;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.internal.ConfigSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a {@link CitadelConfig} from a YAML document and environment variables. Precedence, from
 * lowest to highest: defaults, YAML, environment ({@code POSTGRES_*} aliases, then
 * {@code CITADEL_*} names, which win over the aliases). Code overrides come last through
 * {@link CitadelConfig#toBuilder()}.
 *
 * <p>Every key in the YAML must be known: unknown keys fail the load, listed together with a
 * suggestion when one is close. Each known key {@code a.b_c} can also be set by the variable
 * {@code CITADEL_A_B_C} (for example {@code CITADEL_DATABASE_DIRECT_PORT}). Not thread-safe;
 * create one per load.
 */
public final class ConfigLoader {
  private String yaml;
  private String yamlOrigin;
  private Map<String, String> environment = System.getenv();

  ConfigLoader() {}

  /**
   * Reads YAML from a file.
   *
   * @throws ConfigException when the file cannot be read
   */
  public ConfigLoader file(Path path) {
    Objects.requireNonNull(path, "path");
    try {
      return yaml(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    } catch (IOException e) {
      throw new ConfigException("(file)", "cannot read " + path + ": " + e.getMessage());
    }
  }

  /**
   * Uses YAML text.
   *
   * @param content the YAML document
   * @param origin where it came from, for messages (e.g. a file name)
   */
  public ConfigLoader yaml(String content, String origin) {
    this.yaml = Objects.requireNonNull(content, "content");
    this.yamlOrigin = Objects.requireNonNull(origin, "origin");
    return this;
  }

  /**
   * The variables used for overrides and for {@code ${VAR}} interpolation; defaults to
   * {@link System#getenv()}. Pass an empty map to ignore the process environment.
   */
  public ConfigLoader environment(Map<String, String> variables) {
    this.environment = Map.copyOf(Objects.requireNonNull(variables, "variables"));
    return this;
  }

  /**
   * Loads and validates.
   *
   * @throws ConfigException naming the first bad key (or every unknown key)
   */
  public CitadelConfig load() {
    return ConfigSources.load(yaml, yamlOrigin, environment);
  }
}
