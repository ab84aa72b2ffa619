package dev.citadel.client.config;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.internal.ConfigSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a {@link CitadelConfig} from a YAML document, values given by key name and environment
 * variables. Precedence, from lowest to highest: defaults, YAML, {@link #values(Map) values},
 * environment ({@code POSTGRES_*} aliases, then {@code CITADEL_*} names, which win over the
 * aliases). Code overrides come last through {@link CitadelConfig#toBuilder()}.
 *
 * <p>Every key in the YAML and the values must be known: unknown keys and sections fail the load,
 * listed together with a suggestion when one is close. Each known key {@code a.b_c} can also be
 * set by the variable {@code CITADEL_A_B_C} (for example {@code CITADEL_DATABASE_DIRECT_PORT}),
 * and every {@code CITADEL_<SECTION>_*} variable of the {@linkplain #environment(Map) environment}
 * (its first word a section or close to one) must name a key, checked the same way. Never read:
 * the reserved {@code CITADEL_CONFIG}, {@code CITADEL_TEST_*} and {@code CITADEL_TESTKIT_*}, and
 * variables whose first word is no section (e.g. Kubernetes' {@code CITADEL_SERVICE_HOST}). A section (or its variables) whose module is not on the class
 * path fails the load naming the missing jar. No {@link ConfigException} carries any part of a
 * secret's value. Not thread-safe; create one per load.
 */
public final class ConfigLoader {
  private String yaml;
  private String yamlOrigin;
  private final Map<String, Object> values = new LinkedHashMap<>();
  private String valuesOrigin = "config values";
  private Map<String, String> environment = System.getenv();

  ConfigLoader() {}

  /**
   * Reads YAML from a file, now.
   *
   * @throws ConfigException when the file does not exist ({@code config file /x/y.yaml does not
   *     exist}, with the absolute path a relative one was resolved to), is a directory, or cannot
   *     be read
   */
  public ConfigLoader file(Path path) {
    Objects.requireNonNull(path, "path");
    String shown = path.isAbsolute() ? path.toString() : path + " (" + path.toAbsolutePath() + ")";
    if (!Files.exists(path)) {
      throw new ConfigException("(file)", "config file " + shown + " does not exist");
    }
    if (Files.isDirectory(path)) {
      throw new ConfigException("(file)", "config file " + shown + " is a directory, not a YAML file");
    }
    try {
      return yaml(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    } catch (IOException e) {
      throw new ConfigException("(file)", "config file " + shown + " cannot be read: " + e);
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
   * Adds values by their documented key names (e.g. {@code database.port} to {@code 5433}), as
   * the test kit hands them out or a framework's properties hold them. A value may be text (read
   * as the YAML scalar would be), a number, a boolean, a {@link java.time.Duration}, or a list;
   * null values are ignored. They win over the YAML and lose to environment variables; later calls
   * win over earlier ones. Unknown keys fail the load like unknown YAML keys.
   *
   * @param keyValues the values; copied
   */
  public ConfigLoader values(Map<String, ?> keyValues) {
    values.putAll(Objects.requireNonNull(keyValues, "keyValues"));
    return this;
  }

  /**
   * Like {@link #values(Map)}, naming where the values came from in messages (e.g.
   * {@code application.properties}).
   */
  public ConfigLoader values(Map<String, ?> keyValues, String origin) {
    this.valuesOrigin = Objects.requireNonNull(origin, "origin");
    return values(keyValues);
  }

  /**
   * The variables used for overrides and for {@code ${VAR}} interpolation; defaults to
   * {@link System#getenv()}. Pass an empty map to ignore the process environment. A
   * {@code CITADEL_<SECTION>_*} variable among them that names no key fails the load.
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
    return ConfigSources.load(yaml, yamlOrigin, values, valuesOrigin, environment);
  }
}
