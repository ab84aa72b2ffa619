package dev.citadel.doctor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a citadel-client YAML config for the servers of a test, the way an operator would. */
final class YamlConfig {
  private final StringBuilder yaml = new StringBuilder("client:\n  name: doctor-test\n");

  YamlConfig database(String host, int port, String database, String user, String password) {
    yaml.append("database:\n")
        .append("  host: ").append(quote(host)).append('\n')
        .append("  port: ").append(port).append('\n')
        .append("  database: ").append(quote(database)).append('\n')
        .append("  user: ").append(quote(user)).append('\n');
    if (password != null && !password.isEmpty()) {
      yaml.append("  password: ").append(quote(password)).append('\n');
    }
    return this;
  }

  YamlConfig redis(String host, int port, String username, String password) {
    yaml.append("redis:\n")
        .append("  host: ").append(quote(host)).append('\n')
        .append("  port: ").append(port).append('\n');
    if (username != null) {
      yaml.append("  username: ").append(quote(username)).append('\n');
    }
    if (password != null && !password.isEmpty()) {
      yaml.append("  password: ").append(quote(password)).append('\n');
    }
    return this;
  }

  YamlConfig qdrant(String host, int port, String apiKey) {
    yaml.append("qdrant:\n")
        .append("  host: ").append(quote(host)).append('\n')
        .append("  port: ").append(port).append('\n');
    if (apiKey != null) {
      yaml.append("  api_key: ").append(quote(apiKey)).append('\n');
    }
    return this;
  }

  YamlConfig keyPepper(String pepper) {
    yaml.append("auth:\n  key_pepper: ").append(quote(pepper)).append('\n');
    return this;
  }

  YamlConfig raw(String text) {
    yaml.append(text);
    return this;
  }

  Path writeTo(Path file) {
    try {
      return Files.writeString(file, yaml.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Single-quoted YAML; {@code $} doubled so interpolation leaves it alone. */
  private static String quote(String value) {
    return "'" + value.replace("'", "''").replace("$", "$$") + "'";
  }
}
