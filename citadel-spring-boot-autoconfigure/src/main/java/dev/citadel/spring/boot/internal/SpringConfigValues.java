package dev.citadel.spring.boot.internal;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.ConfigLoader;
import dev.citadel.client.config.spi.ConfigKey;
import dev.citadel.client.config.spi.ConfigKeyTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Turns the {@code citadel.*} properties of a Spring {@link ConfigurableEnvironment} into the
 * loader's key values and loads them through the one loader ({@link CitadelConfig#loader()}), so
 * the key table, checks, defaults and messages are the SDK's own and no property tree here can
 * drift from it.
 *
 * <p>Property names are matched to keys element by element, ignoring case, {@code -} and
 * {@code _} (Boot's relaxed binding: {@code max-connections}, {@code maxConnections},
 * {@code max_connections}); list keys take indexed elements ({@code schemas[0]}) and map keys
 * take sub-names ({@code models.[DeepSeek-R1]}). A name that matches no key is handed to the
 * loader in its snake_case form, which fails the load with its "unknown configuration key ...
 * (did you mean ...?)" message. Environment variables are not read as properties: the process
 * environment goes to the loader as its environment, which reads {@code CITADEL_*} (and the
 * seed's {@code POSTGRES_*}, {@code QDRANT_*}) exactly as it does without Spring, and resolves
 * {@code ${VAR}} in a {@code citadel.config-file}. A {@link ConfigException} is re-raised naming
 * the Spring property that set the bad value.
 */
public final class SpringConfigValues {

  /** Prefix of every property. */
  public static final String PREFIX = "citadel";
  /** A YAML file in the SDK's layout, loaded first; properties override it. */
  public static final String CONFIG_FILE = "citadel.config-file";
  /** Properties of the starter itself, not keys of the SDK's loader. */
  static final Set<String> STARTER_PROPERTIES =
      Set.of("config-file", "enabled", "database.expose-data-source");
  private static final String ORIGIN = "Spring properties (citadel.*)";

  private final Map<String, Object> values;
  private final Map<String, String> propertyOf;
  private final String configFile;
  private final Map<String, String> environment;

  private SpringConfigValues(Map<String, Object> values, Map<String, String> propertyOf, String configFile,
      Map<String, String> environment) {
    this.values = values;
    this.propertyOf = propertyOf;
    this.configFile = configFile;
    this.environment = environment;
  }

  /** Reads the {@code citadel.*} properties of {@code env}; loads nothing yet. */
  public static SpringConfigValues of(ConfigurableEnvironment env) {
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, String> propertyOf = new LinkedHashMap<>();
    Map<String, String> environment = new LinkedHashMap<>();
    List<PropertySource<?>> sources = new ArrayList<>();
    env.getPropertySources().forEach(sources::add);
    // lowest precedence first, so a stronger source replaces a weaker one's value (lists whole)
    for (int i = sources.size() - 1; i >= 0; i--) {
      PropertySource<?> source = sources.get(i);
      if (source instanceof SystemEnvironmentPropertySource sys) {
        for (String name : sys.getPropertyNames()) {
          Object v = sys.getProperty(name);
          if (v != null) {
            environment.put(name, String.valueOf(v));
          }
        }
      } else if (source instanceof EnumerablePropertySource<?> enumerable) {
        readSource(env, enumerable, values, propertyOf);
      }
    }
    return new SpringConfigValues(values, propertyOf, env.getProperty(CONFIG_FILE), environment);
  }

  /** The loader's key values, e.g. {@code database.pool.max_connections} to {@code 20}. */
  public Map<String, Object> values() {
    return values;
  }

  /** Whether any value, or a config file, is given for the SDK. */
  public boolean isEmpty() {
    return values.isEmpty() && configFile == null;
  }

  /**
   * Loads the config: defaults, the {@code citadel.config-file} YAML if set, these values, then
   * the process's {@code CITADEL_*} / {@code POSTGRES_*} variables, as the loader orders them.
   *
   * @throws ConfigException naming the Spring property (or variable, or file) of the first bad value
   */
  public CitadelConfig load() {
    ConfigLoader loader = CitadelConfig.loader().environment(environment);
    try {
      if (configFile != null && !configFile.isBlank()) {
        loader.file(Path.of(configFile.trim()));
      }
      return loader.values(values, ORIGIN).load();
    } catch (ConfigException e) {
      String property = propertyOf.get(e.key());
      if (e.key().equals("(file)")) {
        throw new ConfigException(CONFIG_FILE, e.reason());
      }
      throw property == null ? e : new ConfigException(property, e.reason() + " [key " + e.key() + "]");
    }
  }

  private static void readSource(ConfigurableEnvironment env, EnumerablePropertySource<?> source,
      Map<String, Object> values, Map<String, String> propertyOf) {
    Map<String, Object> scalars = new LinkedHashMap<>();
    Map<String, TreeMap<Integer, Object>> lists = new LinkedHashMap<>();
    Map<String, Map<String, Object>> maps = new LinkedHashMap<>();
    for (String name : source.getPropertyNames()) {
      if (!name.regionMatches(true, 0, PREFIX + ".", 0, PREFIX.length() + 1)) {
        continue;
      }
      List<Element> elements = Element.parse(name.substring(PREFIX.length() + 1));
      if (elements.isEmpty() || isStarterProperty(elements)) {
        continue;
      }
      Object value = source.getProperty(name);
      if (value instanceof String s) {
        value = env.resolvePlaceholders(s);
      }
      Match match = match(elements);
      if (match == null) {
        String path = snakePath(elements);
        scalars.put(path, value);
        propertyOf.put(path, name);
        continue;
      }
      ConfigKey<?> key = match.key;
      propertyOf.put(key.path(), name);
      List<Element> rest = elements.subList(match.length, elements.size());
      if (rest.isEmpty()) {
        scalars.put(key.path(), value);
      } else if (key.kind() == ConfigKey.Kind.LIST && rest.size() == 1 && rest.get(0).isIndex()) {
        lists.computeIfAbsent(key.path(), k -> new TreeMap<>()).put(Integer.parseInt(rest.get(0).text), value);
      } else if (key.kind() == ConfigKey.Kind.MAP || key.kind() == ConfigKey.Kind.LIST) {
        StringBuilder mapKey = new StringBuilder();
        rest.forEach(e -> mapKey.append(mapKey.length() == 0 ? "" : ".").append(e.text));
        maps.computeIfAbsent(key.path(), k -> new LinkedHashMap<>()).put(mapKey.toString(), value);
      } else {
        String path = snakePath(elements);
        scalars.put(path, value);
        propertyOf.put(path, name);
      }
    }
    values.putAll(scalars);
    lists.forEach((path, items) -> values.put(path, new ArrayList<>(items.values())));
    values.putAll(maps);
  }

  private static boolean isStarterProperty(List<Element> elements) {
    String uniform = String.join(".", elements.stream().map(Element::uniform).toList());
    return STARTER_PROPERTIES.stream().anyMatch(p -> uniform(p).equals(uniform));
  }

  private record Match(ConfigKey<?> key, int length) {}

  private static Match match(List<Element> elements) {
    for (ConfigKey<?> key : ConfigKeyTable.keys()) {
      String[] parts = key.path().split("\\.");
      if (parts.length > elements.size()) {
        continue;
      }
      boolean same = true;
      for (int i = 0; i < parts.length && same; i++) {
        same = !elements.get(i).bracketed && uniform(parts[i]).equals(elements.get(i).uniform());
      }
      if (same) {
        return new Match(key, parts.length);
      }
    }
    return null;
  }

  /** Lower case without {@code -} and {@code _}: how relaxed binding compares names. */
  static String uniform(String name) {
    return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  /** {@code pool.maxConnections} or {@code pool.max-connections} as the loader spells keys. */
  private static String snakePath(List<Element> elements) {
    StringBuilder out = new StringBuilder();
    for (Element e : elements) {
      out.append(out.length() == 0 ? "" : ".");
      if (e.bracketed) {
        out.append(e.text);
        continue;
      }
      for (int i = 0; i < e.text.length(); i++) {
        char c = e.text.charAt(i);
        if (Character.isUpperCase(c) && i > 0) {
          out.append('_');
        }
        out.append(c == '-' ? '_' : Character.toLowerCase(c));
      }
    }
    return out.toString();
  }

  /** One element of a property name: {@code pool}, {@code [0]} or {@code [DeepSeek-R1]}. */
  private record Element(String text, boolean bracketed) {
    boolean isIndex() {
      return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }

    String uniform() {
      return SpringConfigValues.uniform(text);
    }

    static List<Element> parse(String name) {
      List<Element> out = new ArrayList<>();
      int i = 0;
      while (i < name.length()) {
        char c = name.charAt(i);
        if (c == '.') {
          i++;
        } else if (c == '[') {
          int end = name.indexOf(']', i);
          end = end < 0 ? name.length() : end;
          out.add(new Element(name.substring(i + 1, end), true));
          i = end + 1;
        } else {
          int end = i;
          while (end < name.length() && name.charAt(end) != '.' && name.charAt(end) != '[') {
            end++;
          }
          out.add(new Element(name.substring(i, end), false));
          i = end;
        }
      }
      return out;
    }
  }
}
