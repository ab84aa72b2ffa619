package dev.citadel.client.config.internal;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.config.spi.ConfigKey;
import dev.citadel.client.config.spi.ConfigKey.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Merges YAML, values given by key name and environment variables (in that increasing precedence)
 * into one validated {@link CitadelConfig}.
 */
public final class ConfigSources {

  private record Raw(Object value, String source) {}

  /** Stands for a key without a value beside a secret key, which is not named: see {@code walk}. */
  private static final String HIDDEN_ENTRY = " (an entry without a value beside a secret, not shown as it may be"
      + " part of the secret: quote a secret that contains ',' or '}')";

  private ConfigSources() {}

  /**
   * Loads a config.
   *
   * @param yaml the YAML document, or null for none
   * @param origin where the YAML came from, for messages
   * @param keyValues values by documented key name (e.g. {@code database.port}), or empty
   * @param valuesOrigin where {@code keyValues} came from, for messages
   * @param env environment variables, also used for {@code ${VAR}} interpolation in the YAML
   */
  public static CitadelConfig load(String yaml, String origin, Map<String, ?> keyValues, String valuesOrigin,
      Map<String, String> env) {
    Map<String, Raw> values = new LinkedHashMap<>();
    if (yaml != null) {
      readYaml(yaml, origin, env, values);
    }
    readKeyValues(keyValues, valuesOrigin, values);
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
      Mark problem = e.getProblemMark();
      List<Integer> lines = new ArrayList<>();
      if (problem != null) {
        lines.add(problem.getLine());
        lines.add(problem.getLine() - 1);
      }
      if (e.getContextMark() != null) {
        lines.add(e.getContextMark().getLine());
      }
      throw new ConfigException("(yaml)", origin + " is not valid YAML at line "
          + (problem == null ? "?" : problem.getLine() + 1) + ": " + yamlProblem(yaml, lines, e.getProblem()));
    } catch (YAMLException e) {
      throw new ConfigException("(yaml)", origin + " is not valid YAML: " + yamlProblem(yaml, List.of(), e.getMessage()));
    }
    if (doc == null) {
      return;
    }
    if (!(doc instanceof Map<?, ?> top)) {
      throw new ConfigException("(yaml)", origin + " must be a mapping of sections (database:, audit:, ...)");
    }
    List<String> unknown = new ArrayList<>();
    walk("", top, origin, env, out, unknown);
    failOnUnknown(unknown, origin);
  }

  /**
   * The parser's description of a syntax error, unless the lines around it (all lines when none
   * is known) set a secret: the parser quotes text from the document (a tag, a character), which
   * could be part of the secret.
   */
  private static String yamlProblem(String yaml, List<Integer> lines, String problem) {
    Pattern secretLine = Pattern.compile(
        "(^|[\\s{,\"'-])(" + String.join("|", ConfigKeys.secretLeafNames()) + ")[\"']?\\s*:");
    String[] all = yaml.split("\\R", -1);
    boolean nearSecret = lines.isEmpty()
        ? Arrays.stream(all).anyMatch(l -> secretLine.matcher(l).find())
        : lines.stream().filter(n -> n >= 0 && n < all.length).anyMatch(n -> secretLine.matcher(all[n]).find());
    return nearSecret
        ? "the error is near a line that sets a secret, so the parser's description (which quotes the text) is not"
            + " shown; a secret with characters special to YAML (!, &, *, :, #, {, }, quotes) must be quoted"
        : problem;
  }

  private static void readKeyValues(Map<String, ?> keyValues, String origin, Map<String, Raw> out) {
    List<String> unknown = new ArrayList<>();
    keyValues.forEach((given, value) -> {
      String path = ConfigKeys.canonical(given);
      if (!ConfigKeys.KEYS.containsKey(path)) {
        unknown.add(path);
      } else if (value != null) {
        out.put(path, new Raw(value, origin));
      }
    });
    failOnUnknown(unknown, origin);
  }

  /**
   * Fails for keys no section knows: first for a section whose module is missing (naming the
   * jar), otherwise listing every unknown key with a suggestion when one is close.
   */
  private static void failOnUnknown(List<String> unknown, String origin) {
    for (String path : unknown) {
      String section = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
      failOnMissingModule(section, origin);
    }
    if (!unknown.isEmpty()) {
      Set<String> candidates = ConfigKeys.pathsAndSections();
      throw unknown("unknown configuration key", origin, unknown, path -> ConfigKeys.isSection(path)
          ? " (a section: write its keys under it)"
          : didYouMean(nearest(path, candidates)), "");
    }
  }

  private static void failOnMissingModule(String section, String origin) {
    ConfigKeys.missingModule(section).ifPresent(artifact -> {
      throw new ConfigException(section, "section '" + section + "' is read by " + artifact
          + ", which is not on the class path (in " + origin + ")");
    });
  }

  /**
   * Fails for a configuration variable that names no key, like an unknown YAML key: the
   * variables of a section whose module is missing name the jar; others are listed with a
   * suggestion. A configuration variable is a {@code CITADEL_<WORD>_...} one whose first word is
   * a section or close to one ({@code CITADEL_DATABSE_HOST}); the others are not ours and are
   * left alone: the {@link ConfigKeys#RESERVED_VARIABLES reserved} names, and variables such as
   * the {@code CITADEL_SERVICE_HOST} and {@code CITADEL_PORT_5432_TCP} that Kubernetes sets for a
   * service named {@code citadel}.
   */
  private static void failOnUnknownVariables(Map<String, String> env) {
    Set<String> known = ConfigKeys.configVariables();
    Set<String> sections = ConfigKeys.sections();
    List<String> unknown = new ArrayList<>();
    for (String name : new TreeSet<>(env.keySet())) {
      if (ConfigKeys.isCitadelVariable(name) && !known.contains(name) && namesASection(name, sections)) {
        ConfigKeys.sectionOfVariable(name).ifPresent(section -> failOnMissingModule(section, "environment variable " + name));
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      String reserved = String.join(", ", ConfigKeys.RESERVED_VARIABLES) + ", "
          + ConfigKeys.RESERVED_VARIABLE_PREFIXES.stream().map(p -> p + "*").collect(Collectors.joining(", "));
      throw unknown("unknown configuration variable", "the environment", unknown,
          name -> ConfigKeys.variableForOldSpelling(name)
              .map(current -> " (an old spelling, read from YAML and key values only: the variable is " + current + ")")
              .orElseGet(() -> didYouMean(nearest(name, known))),
          "; a CITADEL_<SECTION>_* variable must name a configuration key (reserved: " + reserved + ")");
    }
  }

  /** Whether the first word after {@code CITADEL_} is a section, or one or two typos away from one. */
  private static boolean namesASection(String variable, Set<String> sections) {
    String rest = variable.substring("CITADEL_".length());
    String word = (rest.indexOf('_') < 0 ? rest : rest.substring(0, rest.indexOf('_'))).toLowerCase(Locale.ROOT);
    return sections.stream().anyMatch(section -> distance(section, word) <= Math.max(1, section.length() / 4));
  }

  private static ConfigException unknown(String what, String origin, List<String> names, UnaryOperator<String> hint,
      String note) {
    StringBuilder msg = new StringBuilder(what);
    msg.append(names.size() > 1 ? "s" : "").append(" in ").append(origin).append(": ");
    for (int i = 0; i < names.size(); i++) {
      msg.append(i == 0 ? "" : ", ").append(names.get(i)).append(hint.apply(names.get(i)));
    }
    String first = names.get(0);
    return new ConfigException(first.endsWith(HIDDEN_ENTRY) ? first.substring(0, first.length() - HIDDEN_ENTRY.length())
        : first, msg.append(note).toString());
  }

  private static String didYouMean(String near) {
    return near == null ? "" : " (did you mean " + near + "?)";
  }

  private static void walk(String prefix, Map<?, ?> map, String origin, Map<String, String> env,
      Map<String, Raw> out, List<String> unknown) {
    boolean besideSecret = map.keySet().stream().map(k -> keyAt(prefix, k))
        .anyMatch(path -> ConfigKeys.KEYS.containsKey(path) && ConfigKeys.KEYS.get(path).isSecret());
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String path = keyAt(prefix, e.getKey());
      Object value = e.getValue();
      if (ConfigKeys.KEYS.containsKey(path)) {
        if (value != null) {
          out.put(path, new Raw(interpolate(path, ConfigKeys.KEYS.get(path).isSecret(), value, env), origin));
        }
      } else if (ConfigKeys.isSection(path) && (value == null || value instanceof Map)) {
        if (value != null) {
          walk(path, (Map<?, ?>) value, origin, env, out, unknown);
        }
      } else if (value == null && besideSecret) {
        // In a flow mapping, {password: a,b} makes "b" a key without a value: it may be the rest of the secret.
        unknown.add(prefix + HIDDEN_ENTRY);
      } else {
        unknown.add(path);
      }
    }
  }

  private static String keyAt(String prefix, Object name) {
    return ConfigKeys.canonical(prefix.isEmpty() ? String.valueOf(name) : prefix + "." + name);
  }

  private static Object interpolate(String path, boolean secret, Object value, Map<String, String> env) {
    if (value instanceof String s) {
      return Interpolation.apply(path, secret, s, env);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(interpolate(path, secret, v, env)));
      return copy;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, v == null ? null : interpolate(path + "." + k, secret, v, env)));
      return copy;
    }
    return value;
  }

  private static void readEnvironment(Map<String, String> env, Map<String, Raw> out) {
    failOnUnknownVariables(env);
    for (ConfigKey<ConfigDraft> key : ConfigKeys.KEYS.values()) {
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
      if (size != null && !env.containsKey(ConfigKey.citadelEnvName("database.pool.min_connections"))) {
        out.put("database.pool.min_connections", new Raw(base, "environment variable POSTGRES_POOL_SIZE"));
      }
      if (!env.containsKey(ConfigKey.citadelEnvName("database.pool.max_connections"))) {
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
      throw new ConfigException(path, "must be an integer, was " + ConfigKeys.KEYS.get(path).shown(text)
          + " (from environment variable " + name + ")");
    }
  }

  private static void apply(ConfigDraft draft, ConfigKey<ConfigDraft> key, Raw raw) {
    try {
      key.set(draft, convert(key, raw.value()));
    } catch (ConfigException e) {
      throw new ConfigException(e.key(), e.reason() + " (from " + raw.source() + ")");
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key.path(), e.getMessage() + ", was " + key.shown(raw.value())
          + " (from " + raw.source() + ")");
    }
  }

  private static Object convert(ConfigKey<ConfigDraft> key, Object value) {
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
    if (kind == Kind.DURATION && value instanceof Duration given) {
      return given;
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

  /** The candidate closest to {@code given} by edit distance, if it is close enough to help. */
  private static String nearest(String given, Collection<String> candidates) {
    return candidates.stream()
        .min(Comparator.comparingInt(k -> distance(k, given)))
        .filter(k -> distance(k, given) <= Math.max(2, given.length() / 5))
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
