package dev.citadel.client.config.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * One configuration key as the loader knows it: its YAML path, how its raw value is read, the
 * environment variables that set it (the documented {@code CITADEL_<PATH>} name always last, so it
 * wins) and where the typed value goes in a section's draft. Immutable.
 *
 * @param <D> the draft (mutable builder) of the section the key belongs to
 */
public final class ConfigKey<D> {

  /** How a raw value (YAML scalar, list or map, or an environment string) becomes a typed one. */
  public enum Kind {
    /** A trimmed string. */
    TEXT,
    /** A string kept as written and never echoed in a message. */
    SECRET,
    /** An {@link Integer}. */
    INT,
    /** A {@link Double}. */
    DOUBLE,
    /** A {@link Boolean}: {@code true} or {@code false}. */
    BOOL,
    /** A {@link Duration}: seconds when bare, or {@code 500ms}, {@code 5m}, ISO-8601. */
    DURATION,
    /** A {@code List<String>}: a YAML list, the keys of a YAML map, or comma-separated text. */
    LIST,
    /** A {@code Map<String, String>}: a YAML map or {@code k=v,k2=v2} text. */
    MAP
  }

  /** What a message shows in place of a secret's value. */
  public static final String SECRET_NOT_SHOWN = "(a secret, not shown)";

  private final String path;
  private final Kind kind;
  private final List<String> envNames;
  private final BiConsumer<D, Object> setter;

  private ConfigKey(String path, Kind kind, List<String> aliases, BiConsumer<D, Object> setter) {
    this.path = Objects.requireNonNull(path, "path");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.setter = Objects.requireNonNull(setter, "setter");
    List<String> names = new ArrayList<>(aliases);
    names.add(citadelEnvName(path));
    this.envNames = List.copyOf(names);
  }

  /**
   * A key of {@code kind} at {@code path}; {@code setter} receives the typed value (see
   * {@link Kind}) and may throw {@link IllegalArgumentException} or a
   * {@link dev.citadel.client.ConfigException} for a bad one.
   *
   * @param aliases environment variables that set the key besides {@code CITADEL_<PATH>} (e.g. the
   *     seed's {@code POSTGRES_HOST}), weakest first
   */
  @SuppressWarnings("unchecked")
  public static <D, V> ConfigKey<D> of(String path, Kind kind, BiConsumer<D, V> setter, String... aliases) {
    return new ConfigKey<>(path, kind, Arrays.asList(aliases), (BiConsumer<D, Object>) setter);
  }

  /** {@code database.direct_port} becomes {@code CITADEL_DATABASE_DIRECT_PORT}. */
  public static String citadelEnvName(String path) {
    return "CITADEL_" + path.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** The dotted YAML path, e.g. {@code database.tls.mode}. */
  public String path() {
    return path;
  }

  /** The section this key belongs to: the path's first segment. */
  public String section() {
    int dot = path.indexOf('.');
    return dot < 0 ? path : path.substring(0, dot);
  }

  /** How the raw value is read. */
  public Kind kind() {
    return kind;
  }

  /** Whether the value is a secret (never echoed). */
  public boolean isSecret() {
    return kind == Kind.SECRET;
  }

  /**
   * How a value of this key appears in a message: quoted, or for a {@link Kind#SECRET} key
   * {@link #SECRET_NOT_SHOWN}, which reveals nothing of it (no fragment, not its length). Messages
   * about a key's value render it through here.
   */
  public String shown(Object value) {
    return isSecret() ? SECRET_NOT_SHOWN : "'" + value + "'";
  }

  /** The environment variables that set this key, weakest first ({@code CITADEL_*} last). */
  public List<String> envNames() {
    return envNames;
  }

  /** Hands the typed value to {@code draft}. */
  public void set(D draft, Object typedValue) {
    setter.accept(draft, typedValue);
  }

  /** This key with its setter applied to whatever {@code select} picks out of a larger draft. */
  public <E> ConfigKey<E> on(java.util.function.Function<E, D> select) {
    return new ConfigKey<>(path, kind, envNames.subList(0, envNames.size() - 1),
        (outer, value) -> setter.accept(select.apply(outer), value));
  }

  /** Casts a {@link Kind#LIST} value. */
  @SuppressWarnings("unchecked")
  public static List<String> asList(Object value) {
    return (List<String>) value;
  }

  /** Casts a {@link Kind#MAP} value. */
  @SuppressWarnings("unchecked")
  public static Map<String, String> asMap(Object value) {
    return (Map<String, String>) value;
  }

  @Override
  public String toString() {
    return path + " (" + kind.name().toLowerCase(Locale.ROOT) + ")";
  }
}
