package dev.citadel.spring.boot.internal;

import dev.citadel.client.config.spi.ConfigKey;
import dev.citadel.client.config.spi.ConfigKeyTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code META-INF/spring-configuration-metadata.json} (IDE completion for
 * {@code citadel.*}) at build time: one property per key of the one key table (name in
 * kebab-case, type from the key's kind), with the description and default of the README's
 * configuration reference table, plus the starter's own properties.
 */
public final class ConfigurationMetadataWriter {
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9_.]+)` \\| (.*?) \\| (.*?) \\| (.*) \\|$");
  private static final Pattern LITERAL = Pattern.compile("^`([^`]*)`$");

  /** A README row: the default and meaning cells of a key. */
  public record Row(String defaultCell, String meaning) {}

  /** One property of the metadata. */
  public record Property(String name, String type, String description, String defaultValue) {}

  private ConfigurationMetadataWriter() {}

  /** {@code args[0]}: the README; {@code args[1]}: the file to write. */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[1]);
    Files.createDirectories(out.getParent());
    Files.writeString(out, json(properties(readmeRows(Path.of(args[0])))), StandardCharsets.UTF_8);
  }

  /** The configuration reference rows of a README, by key path. */
  public static Map<String, Row> readmeRows(Path readme) throws IOException {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
      Matcher m = ROW.matcher(line.trim());
      if (m.matches()) {
        rows.put(m.group(1), new Row(m.group(2).trim(), m.group(4).trim()));
      }
    }
    return rows;
  }

  /** The properties: every key of the key table, then the starter's own. */
  public static List<Property> properties(Map<String, Row> readme) {
    List<Property> out = new ArrayList<>();
    for (ConfigKey<?> key : ConfigKeyTable.keys()) {
      Row row = readme.get(key.path());
      String meaning = row == null ? "" : plain(row.meaning());
      String defaultValue = null;
      if (row != null) {
        Matcher literal = LITERAL.matcher(row.defaultCell());
        if (literal.matches() && key.kind() != ConfigKey.Kind.SECRET && !readme.containsKey(literal.group(1))) {
          defaultValue = literal.group(1);
        } else if (!row.defaultCell().equals("none")) {
          meaning = meaning + " (default: " + plain(row.defaultCell()) + ")";
        }
      }
      out.add(new Property(propertyName(key.path()), type(key.kind()), capitalized(meaning), defaultValue));
    }
    out.add(new Property(SpringConfigValues.CONFIG_FILE, "java.lang.String",
        "A YAML file in citadel-client's layout, loaded first; citadel.* properties and CITADEL_* variables"
            + " override it.", null));
    out.add(new Property("citadel.enabled", "java.lang.Boolean",
        "Whether the citadel-client auto-configuration applies.", "true"));
    out.add(new Property("citadel.database.expose-data-source", "java.lang.Boolean",
        "Whether citadel-client's pooled endpoint becomes the application's DataSource bean (JdbcTemplate and"
            + " JPA share its pool); otherwise Boot's own DataSource, if any, is separate.", "false"));
    return out;
  }

  /** {@code database.pool.max_connections} as {@code citadel.database.pool.max-connections}. */
  public static String propertyName(String path) {
    return SpringConfigValues.PREFIX + "." + path.replace('_', '-');
  }

  private static String type(ConfigKey.Kind kind) {
    return switch (kind) {
      case TEXT, SECRET -> "java.lang.String";
      case INT -> "java.lang.Integer";
      case DOUBLE -> "java.lang.Double";
      case BOOL -> "java.lang.Boolean";
      case DURATION -> "java.time.Duration";
      case LIST -> "java.util.List<java.lang.String>";
      case MAP -> "java.util.Map<java.lang.String,java.lang.String>";
    };
  }

  private static String plain(String markdown) {
    return markdown.replace("`", "").replaceAll("\\[([^]]*)]\\([^)]*\\)", "$1");
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1) + (s.endsWith(".") ? "" : ".");
  }

  /** The metadata document. */
  public static String json(List<Property> properties) {
    StringBuilder s = new StringBuilder("{\n  \"groups\": [\n    {\"name\": \"citadel\", \"description\":"
        + " \"citadel-client: every key of its configuration reference, with relaxed binding.\"}\n  ],\n"
        + "  \"properties\": [\n");
    for (int i = 0; i < properties.size(); i++) {
      Property p = properties.get(i);
      s.append("    {\"name\": ").append(quote(p.name())).append(", \"type\": ").append(quote(p.type()))
          .append(", \"description\": ").append(quote(p.description()));
      if (p.defaultValue() != null) {
        s.append(", \"defaultValue\": ").append(typedValue(p.type(), p.defaultValue()));
      }
      s.append(", \"sourceType\": \"dev.citadel.client.config.CitadelConfig\"}")
          .append(i + 1 < properties.size() ? ",\n" : "\n");
    }
    return s.append("  ]\n}\n").toString();
  }

  /** Numbers and booleans as JSON numbers and booleans, the rest as strings. */
  private static String typedValue(String type, String value) {
    boolean literal = switch (type) {
      case "java.lang.Integer", "java.lang.Double" -> value.matches("-?[0-9]+(\\.[0-9]+)?");
      case "java.lang.Boolean" -> value.equals("true") || value.equals("false");
      default -> false;
    };
    return literal ? value : quote(value);
  }

  private static String quote(String text) {
    StringBuilder s = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        default -> {
          if (c < 0x20) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.append('"').toString();
  }
}
