package dev.citadel.doctor.internal;

import dev.citadel.client.vector.CollectionSpec;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The doctor's command line.
 *
 * @param configFile the {@code --config} file, or null to use {@code CITADEL_CONFIG} or the environment
 * @param json print JSON instead of the table
 * @param timeout the overall bound on the checks
 * @param help print the usage and exit
 * @param collections the Qdrant collections expected besides the ones the config's database declares
 *     (registered in its {@code collections} table); never null. {@code --default-collections}
 *     adds the four seed collections
 * @param required sections that fail when not configured ({@code redis}, {@code qdrant})
 */
public record Arguments(String configFile, boolean json, Duration timeout, boolean help, List<String> collections,
    Set<String> required) {

  /** {@code --timeout} when not given. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
  /** The longest {@code --timeout} accepted. */
  static final Duration MAX_TIMEOUT = Duration.ofHours(1);
  /** Sections {@code --require} accepts. */
  static final Set<String> SECTIONS = Set.of("redis", "qdrant");

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  /** Copies the lists. */
  public Arguments {
    collections = List.copyOf(collections);
    required = Set.copyOf(required);
  }

  /**
   * Parses {@code args}.
   *
   * @throws UsageException naming the option at fault
   */
  public static Arguments parse(String[] args) {
    String config = null;
    boolean json = false;
    Duration timeout = null;
    boolean help = false;
    List<String> collections = new ArrayList<>();
    boolean defaultCollections = false;
    Set<String> required = new LinkedHashSet<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String option = arg;
      String inline = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        option = arg.substring(0, eq);
        inline = arg.substring(eq + 1);
      }
      if (!option.equals("--require") && !seen.add(option.equals("-h") ? "--help" : option)) {
        throw new UsageException(option + " is given twice");
      }
      switch (option) {
        case "--help", "-h" -> help = true;
        case "--json" -> json = noValue(option, inline);
        case "--config" -> {
          String value = inline != null ? inline : value(args, ++i, option);
          if (value.isBlank()) {
            throw new UsageException("--config needs a file name");
          }
          config = value;
        }
        case "--timeout" -> timeout = duration(inline != null ? inline : value(args, ++i, option));
        case "--collections" -> collections = names(inline != null ? inline : value(args, ++i, option));
        case "--default-collections" -> defaultCollections = noValue(option, inline);
        case "--require" -> required.addAll(sections(inline != null ? inline : value(args, ++i, option)));
        default -> throw new UsageException(arg.startsWith("-")
            ? "unknown option " + option
            : "unexpected argument '" + arg + "' (the config file goes after --config)");
      }
    }
    if (defaultCollections) {
      List<String> seeds = new ArrayList<>(CollectionSpec.defaultCollections().stream().map(CollectionSpec::name)
          .toList());
      collections.stream().filter(n -> !seeds.contains(n)).forEach(seeds::add);
      collections = seeds;
    }
    return new Arguments(config, json, timeout == null ? DEFAULT_TIMEOUT : timeout, help, collections, required);
  }

  /** The {@code --help} text. */
  public static String usage() {
    return """
        Usage: citadel-doctor [--config FILE] [--json] [--timeout DURATION]
                              [--collections NAME,...] [--default-collections]
                              [--require redis,qdrant]

        Checks the deployment a citadel-client config describes and prints one verdict per check.

          --config FILE          the YAML config (default: $CITADEL_CONFIG, else POSTGRES_* and
                                 CITADEL_* environment variables only); environment variables
                                 override the file as they do in the SDK
          --json                 one JSON object instead of the table
          --timeout DURATION     bound on all checks together, e.g. 20s, 500ms, 2m, PT1M or 30
                                 (seconds); unfinished checks fail as "timed out" (default 20s)
          --collections LIST     Qdrant collections that must exist besides the ones the
                                 config declares (registered in PostgreSQL), which are always
                                 checked; default none
          --default-collections  expect the four seed collections too (documents, chat_history,
                                 code, knowledge), each compared with its seed spec
          --require LIST         fail when these sections are not configured (redis, qdrant);
                                 otherwise an unconfigured section is a passing "not configured" line
          -h, --help             this text

        Exit codes: 0 every check passed, 1 a check failed or timed out, 2 bad arguments or config.
        """;
  }

  private static boolean noValue(String option, String inline) {
    if (inline != null) {
      throw new UsageException(option + " takes no value");
    }
    return true;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  /** Bare seconds ({@code 30}), a unit ({@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}) or ISO-8601. */
  static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Duration d;
    Matcher m = DURATION.matcher(t);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        d = switch (unit) {
          case "ms" -> Duration.ofMillis(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofSeconds(n);
        };
      } else if (t.startsWith("pt")) {
        d = Duration.parse(t.toUpperCase(Locale.ROOT));
      } else {
        throw new UsageException("--timeout must be a duration such as 20s, 500ms, 2m or PT1M, was '" + text + "'");
      }
    } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
      throw new UsageException("--timeout must be a duration such as 20s, 500ms, 2m or PT1M, was '" + text + "'");
    }
    if (d.toMillis() < 100 || d.compareTo(MAX_TIMEOUT) > 0) {
      throw new UsageException("--timeout must be between 100ms and 1h, was '" + text + "'");
    }
    return d;
  }

  private static List<String> names(String text) {
    List<String> out = new ArrayList<>();
    if (text.trim().equalsIgnoreCase("none")) {
      return out;
    }
    for (String name : text.split(",")) {
      String n = name.trim();
      if (!NAME.matcher(n).matches()) {
        throw new UsageException("--collections: '" + n + "' is not a collection name (letters, digits, '_', '-')");
      }
      if (!out.contains(n)) {
        out.add(n);
      }
    }
    return out;
  }

  private static List<String> sections(String text) {
    List<String> out = new ArrayList<>();
    for (String s : text.split(",")) {
      String n = s.trim().toLowerCase(Locale.ROOT);
      if (!SECTIONS.contains(n)) {
        throw new UsageException("--require: unknown section '" + s.trim() + "' (one of redis, qdrant)");
      }
      out.add(n);
    }
    return out;
  }
}
