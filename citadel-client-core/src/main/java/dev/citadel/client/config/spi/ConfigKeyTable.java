package dev.citadel.client.config.spi;

import dev.citadel.client.config.internal.ConfigKeys;
import java.util.List;

/**
 * Read-only view of the one key table the loader uses: core's keys and those of every module
 * section on the class path, in documentation order. For code that maps another configuration
 * source onto the loader's key names (e.g. a framework's properties) or documents the keys; the
 * values themselves still go through {@code CitadelConfig.loader()}, so checks and error messages
 * stay the loader's. Thread-safe.
 */
public final class ConfigKeyTable {
  private ConfigKeyTable() {}

  /** Every key (path, kind, environment variables), in documentation order. */
  public static List<ConfigKey<?>> keys() {
    return ConfigKeys.keys();
  }
}
