package dev.citadel.client.config.spi;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A section of the one configuration file that a module owns (each SDK module beyond core owns
 * one, named after its backend). A module registers a subclass with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/dev.citadel.client.config.spi.ConfigSection} file in its jar; the
 * subclass has a public no-argument constructor): with the jar on the class path, the loader reads
 * the section's keys from YAML, key values and environment variables, checks unknown keys against
 * them, and puts the built section into {@link dev.citadel.client.config.CitadelConfig}, where the
 * module finds it with {@code config.section(type())}. Immutable and thread-safe.
 *
 * @param <D> the mutable draft one load fills in, key by key (typically the section's builder)
 * @param <T> the immutable section object
 */
public abstract class ConfigSection<D, T> {
  private final String name;
  private final Class<T> type;
  private final Supplier<D> newDraft;
  private final List<ConfigKey<D>> keys;
  private final Function<D, T> build;

  /**
   * @param name the section's YAML name; every key's path starts with it and a dot
   * @param type the type of the built section, the key of {@code CitadelConfig.section(Class)}
   * @param newDraft a fresh draft holding the section's defaults, one per load
   * @param keys every key of the section, in documentation order (the README's key table follows it)
   * @param build validates a filled draft and builds the section, throwing
   *     {@link dev.citadel.client.ConfigException} naming the first bad key
   */
  protected ConfigSection(String name, Class<T> type, Supplier<D> newDraft, List<ConfigKey<D>> keys,
      Function<D, T> build) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.newDraft = Objects.requireNonNull(newDraft, "newDraft");
    this.keys = List.copyOf(keys);
    this.build = Objects.requireNonNull(build, "build");
  }

  /** The section's YAML name, e.g. {@code audit}. */
  public final String name() {
    return name;
  }

  /** The type of the built section. */
  public final Class<T> type() {
    return type;
  }

  /** A fresh draft holding the section's defaults. */
  public final D newDraft() {
    return newDraft.get();
  }

  /** Every key of the section, in documentation order. */
  public final List<ConfigKey<D>> keys() {
    return keys;
  }

  /**
   * Validates the draft and builds the section.
   *
   * @throws dev.citadel.client.ConfigException naming the first bad key
   */
  public final T build(D draft) {
    return build.apply(draft);
  }
}
