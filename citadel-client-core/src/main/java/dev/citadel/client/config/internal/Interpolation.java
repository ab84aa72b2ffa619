package dev.citadel.client.config.internal;

import dev.citadel.client.ConfigException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}} and {@code ${VAR:-default}} in YAML values; {@code $$} is a literal {@code $}.
 * A malformed reference or an unset variable without a default is an error naming the key and
 * never the value. For a secret key the message names no part of the text either (a password
 * that happens to contain {@code ${} would otherwise leak): only a value that is exactly one
 * reference, {@code ${VAR}}, gets its variable named, since such a value is plainly a reference.
 */
final class Interpolation {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern WHOLE_REFERENCE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?}");
  private static final String SECRET_HINT =
      " (the text of a secret is not shown; write $$ for a literal $)";

  private Interpolation() {}

  /**
   * {@code text} with its references replaced.
   *
   * @param key the key the text is the value of, for messages
   * @param secret whether the value is a secret: then no part of it appears in a message
   */
  static String apply(String key, boolean secret, String text, Map<String, String> env) {
    if (text.indexOf('$') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '$') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 < text.length() && text.charAt(i + 1) == '$') {
        out.append('$');
        i += 2;
        continue;
      }
      if (i + 1 >= text.length() || text.charAt(i + 1) != '{') {
        out.append(c);
        i++;
        continue;
      }
      int end = text.indexOf('}', i + 2);
      if (end < 0) {
        throw new ConfigException(key, "unterminated '${' in value (expected ${VAR} or ${VAR:-default})"
            + (secret ? SECRET_HINT : ""));
      }
      String body = text.substring(i + 2, end);
      int sep = body.indexOf(":-");
      String name = sep < 0 ? body : body.substring(0, sep);
      if (!NAME.matcher(name).matches()) {
        throw new ConfigException(key, "bad interpolation '${" + (secret ? "..." : name)
            + "...}': variable names are letters, digits and '_'" + (secret ? SECRET_HINT : ""));
      }
      String value = env.get(name);
      if (value == null || (value.isEmpty() && sep >= 0)) {
        if (sep < 0) {
          throw unset(key, secret && !WHOLE_REFERENCE.matcher(text).matches(), name);
        }
        value = body.substring(sep + 2);
      }
      out.append(value);
      i = end + 1;
    }
    return out.toString();
  }

  private static ConfigException unset(String key, boolean hideName, String name) {
    if (hideName) {
      return new ConfigException(key, "refers to an environment variable that is not set"
          + " (write ${VAR:-default} to give a default)" + SECRET_HINT);
    }
    return new ConfigException(
        key, "environment variable " + name + " is not set (write ${" + name + ":-default} to give a default)");
  }
}
