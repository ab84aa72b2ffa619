package dev.citadel.client.config.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The table of every configuration key: its YAML path, value type, environment variable names
 * and where it goes. The loader, the unknown-key check and the README's reference all follow it.
 */
public final class ConfigKeys {

  /** How a raw value (YAML scalar/list/map or environment string) becomes a typed one. */
  enum Kind {
    TEXT, SECRET, INT, DOUBLE, BOOL, DURATION, SSL_MODE, LIST, MAP
  }

  /** One key. */
  record Key(String path, Kind kind, List<String> envNames, BiConsumer<ConfigDraft, Object> setter) {
    boolean isSecret() {
      return kind == Kind.SECRET;
    }
  }

  static final Map<String, Key> KEYS = new LinkedHashMap<>();

  static {
    key("client.name", Kind.TEXT, (d, v) -> d.root.clientName((String) v));
    DatabaseKeys.register();
    RedisKeys.register();
    QdrantKeys.register();
    AuditKeys.register();
    AuthKeys.register();
    ResilienceKeys.register();
  }

  private ConfigKeys() {}

  /** Every YAML path, in documentation order. */
  public static List<String> paths() {
    return List.copyOf(KEYS.keySet());
  }

  /** The environment variable names that set {@code path}, strongest last. */
  public static List<String> envNames(String path) {
    return KEYS.get(path).envNames();
  }

  /** {@code database.direct_port} becomes {@code CITADEL_DATABASE_DIRECT_PORT}. */
  static String citadelEnvName(String path) {
    return "CITADEL_" + path.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** Registers a key outside any section (or whose setter marks its section itself). */
  static void key(String path, Kind kind, BiConsumer<ConfigDraft, Object> setter, String... aliases) {
    List<String> env = new ArrayList<>(Arrays.asList(aliases));
    env.add(citadelEnvName(path));
    KEYS.put(path, new Key(path, kind, List.copyOf(env), setter));
  }

  /**
   * Registers a key of a section ({@code database}, {@code redis}, ...): setting it makes the
   * section present in the built config.
   */
  static void sectionKey(String path, Kind kind, BiConsumer<ConfigDraft, Object> setter, String... aliases) {
    String section = path.substring(0, path.indexOf('.'));
    key(path, kind, (d, v) -> {
      d.sections.add(section);
      setter.accept(d, v);
    }, aliases);
  }

  @SuppressWarnings("unchecked")
  static List<String> asList(Object v) {
    return (List<String>) v;
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> asMap(Object v) {
    return (Map<String, String>) v;
  }

  /** Keys that are sections, for telling "unknown key" from "a section written as a value". */
  static boolean isSection(String path) {
    String prefix = path + ".";
    return KEYS.keySet().stream().anyMatch(k -> k.startsWith(prefix));
  }
}
