package dev.citadel.client.config.internal;

import dev.citadel.client.config.spi.ConfigKey;
import dev.citadel.client.config.spi.ConfigKey.Kind;
import dev.citadel.client.config.spi.ConfigSection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The one table of every configuration key: core's sections ({@code client}, {@code database},
 * {@code audit}, {@code auth}, {@code resilience}) followed by the sections of the modules on the
 * class path ({@link ConfigSection}s found by {@link ServiceLoader}), in name order. The loader,
 * the unknown-key check and the README's reference all follow it.
 */
public final class ConfigKeys {
  private static final String MODULE_SECTIONS = "module-sections.properties";
  private static final String VARIABLE_PREFIX = "CITADEL_";
  /**
   * {@code CITADEL_*} variables that are not configuration keys and that the loader leaves alone:
   * {@code CITADEL_CONFIG} (the config file the doctor and the examples read).
   */
  public static final List<String> RESERVED_VARIABLES = List.of("CITADEL_CONFIG");
  /**
   * Prefixes of {@code CITADEL_*} variables that are not configuration keys: the test kit's
   * {@code CITADEL_TEST_*} servers and {@code CITADEL_TESTKIT_*} settings.
   */
  public static final List<String> RESERVED_VARIABLE_PREFIXES = List.of("CITADEL_TEST_", "CITADEL_TESTKIT_");

  static final Map<String, ConfigKey<ConfigDraft>> KEYS = new LinkedHashMap<>();
  /**
   * Old spellings still read from YAML and key values (not from the environment), each mapped to
   * its key: the seed's {@code database.yaml} writes them.
   */
  private static final Map<String, String> SEED_SPELLINGS = new LinkedHashMap<>();
  /** Sections that modules own, mapped to the artifact that reads each. */
  private static final Properties MODULE_ARTIFACTS = moduleArtifacts();

  static {
    key("client.name", Kind.TEXT, (d, v) -> d.root.clientName((String) v));
    DatabaseKeys.register();
    AuditKeys.register();
    AuthKeys.register();
    ResilienceKeys.register();
    List<ConfigSection<?, ?>> modules = new ArrayList<>();
    ServiceLoader.load(ConfigSection.class, ConfigSection.class.getClassLoader()).forEach(modules::add);
    modules.sort(Comparator.comparing(ConfigSection::name));
    modules.forEach(ConfigKeys::register);
  }

  private ConfigKeys() {}

  /** Every YAML path, in documentation order. */
  public static List<String> paths() {
    return List.copyOf(KEYS.keySet());
  }

  /** Every key, in documentation order (behind {@link dev.citadel.client.config.spi.ConfigKeyTable}). */
  public static List<ConfigKey<?>> keys() {
    return List.copyOf(KEYS.values());
  }

  /** The environment variable names that set {@code path}, strongest last. */
  public static List<String> envNames(String path) {
    return KEYS.get(path).envNames();
  }

  /**
   * The artifact that reads {@code section} when no module on the class path claims it (as
   * listed in {@code module-sections.properties}); empty for a section that is loaded or unknown.
   */
  static Optional<String> missingModule(String section) {
    String prefix = section + ".";
    boolean loaded = KEYS.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    return loaded ? Optional.empty() : Optional.ofNullable(MODULE_ARTIFACTS.getProperty(section));
  }

  /**
   * Whether {@code name} is a {@code CITADEL_*} variable that is not
   * {@linkplain #RESERVED_VARIABLES reserved}: only such a variable can be a configuration one.
   */
  static boolean isCitadelVariable(String name) {
    return name.startsWith(VARIABLE_PREFIX)
        && !RESERVED_VARIABLES.contains(name)
        && RESERVED_VARIABLE_PREFIXES.stream().noneMatch(name::startsWith);
  }

  /** Every section: core's, those of the modules on the class path, and those of absent modules. */
  static Set<String> sections() {
    Set<String> sections = new LinkedHashSet<>();
    KEYS.values().forEach(k -> sections.add(k.section()));
    MODULE_ARTIFACTS.stringPropertyNames().forEach(sections::add);
    return sections;
  }

  /** Every {@code CITADEL_*} variable that sets a key. */
  static Set<String> configVariables() {
    Set<String> names = new LinkedHashSet<>();
    KEYS.values().forEach(k -> k.envNames().stream().filter(n -> n.startsWith(VARIABLE_PREFIX)).forEach(names::add));
    return names;
  }

  /**
   * The section a {@code CITADEL_<SECTION>_...} variable belongs to, among the loaded sections
   * and those of modules that may be absent; empty when it names none.
   */
  static Optional<String> sectionOfVariable(String name) {
    return sections().stream()
        .filter(section -> name.startsWith(ConfigKey.citadelEnvName(section) + "_"))
        .findFirst();
  }

  /**
   * The variable of the key an old (seed) spelling stands for, when {@code name} is the
   * {@code CITADEL_*} form of that spelling (e.g. {@code CITADEL_DATABASE_POOL_CONNECTION_TIMEOUT});
   * old spellings are read from YAML and key values only.
   */
  static Optional<String> variableForOldSpelling(String name) {
    return SEED_SPELLINGS.entrySet().stream()
        .filter(e -> ConfigKey.citadelEnvName(e.getKey()).equals(name))
        .map(e -> ConfigKey.citadelEnvName(e.getValue()))
        .findFirst();
  }

  /**
   * What a misspelt path may have meant: every key, every section and sub-section
   * ({@code database}, {@code database.pool}), and the sections of modules that may be absent.
   */
  static Set<String> pathsAndSections() {
    Set<String> names = new LinkedHashSet<>();
    for (String path : KEYS.keySet()) {
      for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
        names.add(path.substring(0, dot));
      }
      names.add(path);
    }
    names.addAll(MODULE_ARTIFACTS.stringPropertyNames());
    return names;
  }

  /** The leaf names of secret keys ({@code password}, {@code api_key}, ...), as YAML spells them. */
  static Set<String> secretLeafNames() {
    Set<String> names = new LinkedHashSet<>();
    KEYS.values().stream().filter(ConfigKey::isSecret)
        .forEach(k -> names.add(k.path().substring(k.path().lastIndexOf('.') + 1)));
    return names;
  }

  /**
   * The key that {@code path} names: itself, or the key an old (seed) spelling stands for, e.g.
   * {@code database.pool.connection_timeout} for {@code database.pool.wait_timeout}.
   */
  static String canonical(String path) {
    return SEED_SPELLINGS.getOrDefault(path, path);
  }

  /** Registers {@code seedPath} as an old spelling of the key {@code path}. */
  static void seedSpelling(String seedPath, String path) {
    SEED_SPELLINGS.put(seedPath, path);
  }

  /** Registers a key outside any section (or whose setter marks its section itself). */
  static void key(String path, Kind kind, BiConsumer<ConfigDraft, Object> setter, String... aliases) {
    KEYS.put(path, ConfigKey.of(path, kind, setter, aliases));
  }

  /**
   * Registers a key of a core section ({@code database}, {@code audit}, ...): setting it makes
   * the section present in the built config.
   */
  static void sectionKey(String path, Kind kind, BiConsumer<ConfigDraft, Object> setter, String... aliases) {
    String section = path.substring(0, path.indexOf('.'));
    key(path, kind, (d, v) -> {
      d.sections.add(section);
      setter.accept(d, v);
    }, aliases);
  }

  /** Registers a core section's keys that are built by a shared helper (e.g. the TLS keys). */
  static void sectionKeys(List<ConfigKey<ConfigDraft>> keys) {
    for (ConfigKey<ConfigDraft> k : keys) {
      sectionKey(k.path(), k.kind(), k::set, k.envNames().subList(0, k.envNames().size() - 1)
          .toArray(String[]::new));
    }
  }

  private static <D> void register(ConfigSection<D, ?> section) {
    for (ConfigKey<D> key : section.keys()) {
      if (!key.path().startsWith(section.name() + ".")) {
        throw new IllegalStateException(section.getClass().getName() + " declares " + key.path()
            + " outside its section '" + section.name() + "'");
      }
      if (KEYS.containsKey(key.path())) {
        throw new IllegalStateException("configuration key " + key.path() + " is declared twice");
      }
      @SuppressWarnings("unchecked")
      ConfigKey<ConfigDraft> adapted = key.on(d -> (D) d.moduleDraft(section));
      KEYS.put(key.path(), adapted);
    }
  }

  /** Keys that are sections, for telling "unknown key" from "a section written as a value". */
  static boolean isSection(String path) {
    String prefix = path + ".";
    return KEYS.keySet().stream().anyMatch(k -> k.startsWith(prefix));
  }

  private static Properties moduleArtifacts() {
    Properties p = new Properties();
    try (InputStream in = ConfigKeys.class.getResourceAsStream(MODULE_SECTIONS)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
