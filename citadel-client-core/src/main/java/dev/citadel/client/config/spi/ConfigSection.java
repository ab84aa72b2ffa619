package dev.citadel.client.config.spi;

import java.util.List;

/**
 * A section of the one configuration file that a module owns (each SDK module beyond core
 * owns one, named after its backend). Registered with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/dev.citadel.client.config.spi.ConfigSection} file in the module's
 * jar): with the jar on the class path, the loader reads the section's keys from YAML and
 * environment variables, checks unknown keys against them, and puts the built section into
 * {@link dev.citadel.client.config.CitadelConfig}, where the module finds it with
 * {@code config.section(type())}. Implementations are stateless and thread-safe.
 *
 * @param <D> the mutable draft one load fills in, key by key (typically the section's builder)
 * @param <T> the immutable section object
 */
public interface ConfigSection<D, T> {

  /** The section's YAML name, e.g. {@code audit}; every key's path starts with it and a dot. */
  String name();

  /** The type of the built section, the key of {@code CitadelConfig.section(Class)}. */
  Class<T> type();

  /** A fresh draft holding the section's defaults. */
  D newDraft();

  /** Every key of the section, in documentation order (the README's key table follows it). */
  List<ConfigKey<D>> keys();

  /**
   * Validates the draft and builds the section.
   *
   * @throws dev.citadel.client.ConfigException naming the first bad key
   */
  T build(D draft);
}
