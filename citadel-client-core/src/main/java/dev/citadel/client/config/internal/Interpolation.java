package dev.citadel.client.config.internal;

import dev.citadel.client.ConfigException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}} and {@code ${VAR:-default}} in YAML values; {@code $$} is a literal {@code $}.
 * An unset variable without a default is an error naming the key and the variable, never the
 * value.
 */
final class Interpolation {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Interpolation() {}

  static String apply(String key, String text, Map<String, String> env) {
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
        throw new ConfigException(key, "unterminated '${' in value (expected ${VAR} or ${VAR:-default})");
      }
      String body = text.substring(i + 2, end);
      int sep = body.indexOf(":-");
      String name = sep < 0 ? body : body.substring(0, sep);
      if (!NAME.matcher(name).matches()) {
        throw new ConfigException(
            key, "bad interpolation '${" + name + "...}': variable names are letters, digits and '_'");
      }
      String value = env.get(name);
      if (value == null || (value.isEmpty() && sep >= 0)) {
        if (sep < 0) {
          throw new ConfigException(
              key, "environment variable " + name + " is not set (write ${" + name + ":-default} to give a default)");
        }
        value = body.substring(sep + 2);
      }
      out.append(value);
      i = end + 1;
    }
    return out.toString();
  }
}
