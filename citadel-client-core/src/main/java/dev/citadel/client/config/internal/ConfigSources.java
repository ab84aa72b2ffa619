package dev.citadel.client.config.internal;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.config.SslMode;
import dev.citadel.client.config.internal.ConfigKeys.Key;
import dev.citadel.client.config.internal.ConfigKeys.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/** Merges YAML and environment into one validated {@link CitadelConfig}. */
public final class ConfigSources {

  private record Raw(Object value, String source) {}

  private ConfigSources() {}

  public static CitadelConfig load(String yaml, String origin, Map<String, String> env) {
    Map<String, Raw> values = new LinkedHashMap<>();
    if (yaml != null) {
      readYaml(yaml, origin, env, values);
    }
    readEnvironment(env, values);
    ConfigDraft draft = new ConfigDraft();
    values.forEach((path, raw) -> apply(draft, ConfigKeys.KEYS.get(path), raw));
    try {
      return draft.build();
    } catch (ConfigException e) {
      Raw raw = values.get(e.key());
      throw raw == null ? e : new ConfigException(e.key(), e.reason() + " (from " + raw.source() + ")");
    }
  }

  private static void readYaml(String yaml, String origin, Map<String, String> env, Map<String, Raw> out) {
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (MarkedYAMLException e) {
      throw new ConfigException("(yaml)", origin + " is not valid YAML at line "
          + (e.getProblemMark() == null ? "?" : e.getProblemMark().getLine() + 1) + ": " + e.getProblem());
    } catch (YAMLException e) {
      throw new ConfigException("(yaml)", origin + " is not valid YAML: " + e.getMessage());
    }
    if (doc == null) {
      return;
    }
    if (!(doc instanceof Map<?, ?> top)) {
      throw new ConfigException("(yaml)", origin + " must be a mapping of sections (database:, redis:, ...)");
    }
    List<String> unknown = new ArrayList<>();
    walk("", top, origin, env, out, unknown);
    if (!unknown.isEmpty()) {
      StringBuilder msg = new StringBuilder("unknown configuration key");
      msg.append(unknown.size() > 1 ? "s" : "").append(" in ").append(origin).append(": ");
      for (int i = 0; i < unknown.size(); i++) {
        String path = unknown.get(i);
        msg.append(i == 0 ? "" : ", ").append(path);
        String near = nearest(path);
        if (near != null) {
          msg.append(" (did you mean ").append(near).append("?)");
        }
      }
      throw new ConfigException(unknown.get(0), msg.toString());
    }
  }

  private static void walk(String prefix, Map<?, ?> map, String origin, Map<String, String> env,
      Map<String, Raw> out, List<String> unknown) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String path = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
      Object value = e.getValue();
      if (ConfigKeys.KEYS.containsKey(path)) {
        if (value != null) {
          out.put(path, new Raw(interpolate(path, value, env), origin));
        }
      } else if (ConfigKeys.isSection(path) && (value == null || value instanceof Map)) {
        if (value != null) {
          walk(path, (Map<?, ?>) value, origin, env, out, unknown);
        }
      } else {
        unknown.add(path);
      }
    }
  }

  private static Object interpolate(String path, Object value, Map<String, String> env) {
    if (value instanceof String s) {
      return Interpolation.apply(path, s, env);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(interpolate(path, v, env)));
      return copy;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, v == null ? null : interpolate(path + "." + k, v, env)));
      return copy;
    }
    return value;
  }

  private static void readEnvironment(Map<String, String> env, Map<String, Raw> out) {
    for (Key key : ConfigKeys.KEYS.values()) {
      for (String name : key.envNames()) {
        String value = env.get(name);
        if (value != null) {
          out.put(key.path(), new Raw(value, "environment variable " + name));
        }
      }
    }
    // SQLAlchemy-style sizing (seed 002): POOL_SIZE connections kept, MAX_OVERFLOW more allowed.
    String size = env.get("POSTGRES_POOL_SIZE");
    String overflow = env.get("POSTGRES_MAX_OVERFLOW");
    if (size != null || overflow != null) {
      int base = size == null ? 0 : envInt("database.pool.min_connections", "POSTGRES_POOL_SIZE", size);
      int extra = overflow == null ? 0 : envInt("database.pool.max_connections", "POSTGRES_MAX_OVERFLOW", overflow);
      if (size != null && !env.containsKey(ConfigKeys.citadelEnvName("database.pool.min_connections"))) {
        out.put("database.pool.min_connections", new Raw(base, "environment variable POSTGRES_POOL_SIZE"));
      }
      if (!env.containsKey(ConfigKeys.citadelEnvName("database.pool.max_connections"))) {
        int max = (size == null ? PoolConfig.DEFAULT_MIN_CONNECTIONS : base) + extra;
        out.put("database.pool.max_connections",
            new Raw(max, "environment variables POSTGRES_POOL_SIZE + POSTGRES_MAX_OVERFLOW"));
      }
    }
  }

  private static int envInt(String path, String name, String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(path, "must be an integer, was '" + text + "' (from environment variable " + name + ")");
    }
  }

  private static void apply(ConfigDraft draft, Key key, Raw raw) {
    Object typed;
    try {
      typed = convert(key, raw.value());
    } catch (IllegalArgumentException e) {
      String shown = key.isSecret() ? "" : ", was '" + raw.value() + "'";
      throw new ConfigException(key.path(), e.getMessage() + shown + " (from " + raw.source() + ")");
    }
    try {
      key.setter().accept(draft, typed);
    } catch (ConfigException e) {
      throw new ConfigException(e.key(), e.reason() + " (from " + raw.source() + ")");
    }
  }

  private static Object convert(Key key, Object value) {
    Kind kind = key.kind();
    if (kind == Kind.LIST) {
      return toList(value);
    }
    if (kind == Kind.MAP) {
      return toMap(value);
    }
    if (value instanceof Map || value instanceof List) {
      throw new IllegalArgumentException("must be a single value, not a list or mapping");
    }
    String text = String.valueOf(value).trim();
    return switch (kind) {
      case TEXT -> text;
      case SECRET -> String.valueOf(value);
      case INT -> {
        try {
          yield Integer.parseInt(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("must be an integer");
        }
      }
      case DOUBLE -> {
        try {
          yield Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("must be a number");
        }
      }
      case BOOL -> switch (text.toLowerCase(Locale.ROOT)) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        default -> throw new IllegalArgumentException("must be true or false");
      };
      case DURATION -> Durations.parse(text);
      case SSL_MODE -> SslMode.parse(text);
      default -> throw new IllegalStateException(kind.name());
    };
  }

  private static List<String> toList(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(v -> out.add(String.valueOf(v).trim()));
    } else if (value instanceof Map<?, ?> map) {
      map.keySet().forEach(k -> out.add(String.valueOf(k).trim()));
    } else {
      Arrays.stream(String.valueOf(value).split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .forEach(out::add);
    }
    return out;
  }

  private static Map<String, String> toMap(Object value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> out.put(String.valueOf(k).trim(), v == null ? null : String.valueOf(v).trim()));
      return out;
    }
    if (value instanceof List) {
      throw new IllegalArgumentException("must be a mapping of model name to schema");
    }
    for (String pair : String.valueOf(value).split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("must be written model=schema[,model=schema...]");
      }
      out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return out;
  }

  /** The known key closest to {@code path} by edit distance, if it is close enough to help. */
  private static String nearest(String path) {
    return ConfigKeys.KEYS.keySet().stream()
        .min(Comparator.comparingInt(k -> distance(k, path)))
        .filter(k -> distance(k, path) <= Math.max(2, path.length() / 5))
        .orElse(null);
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
