package dev.citadel.client.config.internal;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.spi.Checks;
import java.util.Locale;

/** The check of a model's schema name, with the hint a name in mixed case needs. */
public final class ModelSchemas {
  private ModelSchemas() {}

  /**
   * {@code schema} if it is a valid schema name ({@link Checks#identifier}). A name that is only
   * wrong by its capitals (a model called {@code Llama3}) is refused with the way to keep the
   * model's name: map it to a lower-case schema under {@code database.models}.
   *
   * @param key the config key named in the error
   * @param model the model the schema is for
   * @param schema the schema name to check
   * @return {@code schema}
   * @throws ConfigException when {@code schema} is not a valid schema name
   */
  public static String check(String key, String model, String schema) {
    if (schema != null) {
      String lower = schema.toLowerCase(Locale.ROOT);
      if (!lower.equals(schema) && isIdentifier(lower)) {
        throw new ConfigException(key, "'" + schema + "' is not a valid schema name: schema names are lower case."
            + " To keep the model name '" + model + "', map it to a schema under models:"
            + " database.models: {" + model + ": " + lower + "}");
      }
    }
    return Checks.identifier(key, schema);
  }

  private static boolean isIdentifier(String name) {
    try {
      Checks.identifier("schema", name);
      return true;
    } catch (ConfigException e) {
      return false;
    }
  }
}
