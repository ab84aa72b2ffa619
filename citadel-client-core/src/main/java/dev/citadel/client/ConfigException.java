package dev.citadel.client;

/**
 * A configuration value is missing, malformed or inconsistent. The message names the key (in its
 * YAML spelling, e.g. {@code database.pool.max_connections}) and, unless the key holds a secret,
 * the offending value.
 */
public class ConfigException extends CitadelException {
  private static final long serialVersionUID = 1L;
  /** The configuration key at fault, in YAML dotted form (e.g. {@code database.port}). */
  private final String key;
  /** What is wrong with the key, without the key itself. */
  private final String reason;

  /**
   * @param key the configuration key at fault, in YAML dotted form; never null
   * @param message what is wrong, without any secret value
   */
  public ConfigException(String key, String message) {
    super(key + ": " + message);
    this.key = key;
    this.reason = message;
  }

  /** The configuration key at fault, in YAML dotted form (e.g. {@code database.port}). */
  public String key() {
    return key;
  }

  /** What is wrong with the key, without the key itself. */
  public String reason() {
    return reason;
  }
}
