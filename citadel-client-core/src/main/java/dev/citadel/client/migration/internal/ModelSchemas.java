package dev.citadel.client.migration.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

/** Creates model schemas and their LLM tables; every statement is idempotent. */
final class ModelSchemas {
  private static final String TABLES = load("/dev/citadel/client/db/model-tables.sql");

  private ModelSchemas() {}

  /** {@code schemas} are validated identifiers (see DatabaseConfig), quoted here regardless. */
  static void createSchemas(Connection c, Collection<String> schemas) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String schema : schemas) {
        s.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
      }
    }
  }

  static void createTables(Connection c, Collection<String> schemas) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String schema : schemas) {
        s.execute(TABLES.replace("${schema}", quote(schema)));
      }
    }
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static String load(String resource) {
    try (InputStream in = ModelSchemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
