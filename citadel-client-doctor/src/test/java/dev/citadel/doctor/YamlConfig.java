package dev.citadel.doctor;

import dev.citadel.client.testkit.ConfigValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a citadel-client YAML config, the way an operator would, from the test kit's values for
 * the servers of a test (and single keys): dotted key names become nested sections.
 */
final class YamlConfig {
  private final Map<String, Object> tree = new LinkedHashMap<>();
  private final StringBuilder raw = new StringBuilder();

  YamlConfig() {
    with("client.name", "doctor-test");
  }

  /** Adds the values of a server (or any other value source). */
  YamlConfig with(ConfigValues server) {
    server.configValues().forEach(this::with);
    return this;
  }

  /** Sets one key, e.g. {@code auth.key_pepper}. */
  @SuppressWarnings("unchecked")
  YamlConfig with(String key, Object value) {
    Map<String, Object> node = tree;
    String[] parts = key.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
    }
    node.put(parts[parts.length - 1], String.valueOf(value));
    return this;
  }

  /**
   * The database section of a server that is not the kit's (a hung socket, a made-up address);
   * a kit server, private local Qdrant ({@code CitadelTestKit.qdrant(server)}), proxy or pooler
   * ({@code pooler.database(db)}) is added with {@link #with(ConfigValues)}.
   */
  YamlConfig database(String host, int port, String database, String user, String password) {
    return with("database.host", host).with("database.port", port).with("database.database", database)
        .with("database.user", user).with("database.password", password);
  }

  /** Text appended as written, after the last section (so indented lines belong to it). */
  YamlConfig raw(String text) {
    raw.append(text);
    return this;
  }

  Path writeTo(Path file) {
    StringBuilder yaml = new StringBuilder();
    render(tree, "", yaml);
    try {
      return Files.writeString(file, yaml.append(raw).toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void render(Map<String, Object> node, String indent, StringBuilder out) {
    node.forEach((key, value) -> {
      if (value instanceof Map<?, ?> child) {
        out.append(indent).append(key).append(":\n");
        render((Map<String, Object>) child, indent + "  ", out);
      } else {
        out.append(indent).append(key).append(": ").append(quote((String) value)).append('\n');
      }
    });
  }

  /** Single-quoted YAML; {@code $} doubled so interpolation leaves it alone. */
  private static String quote(String value) {
    return "'" + value.replace("'", "''").replace("$", "$$") + "'";
  }
}
