package dev.citadel.client.audit.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Strict JSON (RFC 8259) parsing into one canonical text per JSON value: object keys sorted
 * (String order) with the last duplicate winning, numbers as their shortest exact decimal, no
 * insignificant whitespace, and strings escaped one way only. It keeps exactly what PostgreSQL's
 * {@code jsonb} keeps, so re-canonicalising {@code details::text} read back from the table gives
 * the same bytes that were hashed when the row was written.
 *
 * <p>Rejected, because {@code jsonb} would refuse or alter them: {@code \u0000}, unpaired
 * surrogates, numbers beyond 1e&plusmn;1000, nesting deeper than {@value #MAX_DEPTH}.
 */
public final class CanonicalJson {
  /** Deepest nesting of arrays and objects accepted. */
  public static final int MAX_DEPTH = 64;
  private static final int MAX_EXPONENT = 1000;
  private static final Object NULL = new Object();

  /** Malformed JSON; the message names the offset, never the content. */
  public static final class SyntaxError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    SyntaxError(String message) {
      super(message);
    }
  }

  private final String text;
  private int pos;

  private CanonicalJson(String text) {
    this.text = text;
  }

  /**
   * The canonical text of {@code json}, which must hold one JSON object.
   *
   * @throws SyntaxError when it is not valid JSON, not an object, or holds what {@code jsonb}
   *     cannot store exactly
   */
  public static String canonicalObject(String json) {
    CanonicalJson parser = new CanonicalJson(json);
    parser.skipWhitespace();
    if (parser.pos >= json.length() || json.charAt(parser.pos) != '{') {
      throw new SyntaxError("must be a JSON object");
    }
    Object value = parser.value(0);
    parser.skipWhitespace();
    if (parser.pos != json.length()) {
      throw parser.error("unexpected text after the JSON value");
    }
    StringBuilder out = new StringBuilder(json.length());
    write(value, out);
    return out.toString();
  }

  /**
   * The canonical text of {@code json}, which may hold any one JSON value (object, array, string,
   * number, boolean or null).
   *
   * @throws SyntaxError when it is not valid JSON or holds what {@code jsonb} cannot store exactly
   */
  public static String canonicalValue(String json) {
    CanonicalJson parser = new CanonicalJson(json);
    parser.skipWhitespace();
    if (parser.pos >= json.length()) {
      throw new SyntaxError("must be a JSON value");
    }
    Object value = parser.value(0);
    parser.skipWhitespace();
    if (parser.pos != json.length()) {
      throw parser.error("unexpected text after the JSON value");
    }
    StringBuilder out = new StringBuilder(json.length());
    write(value, out);
    return out.toString();
  }

  /**
   * The canonical text of {@code map} written as a JSON object. Values may be null, strings,
   * booleans, finite numbers, maps with string keys, collections and arrays of these.
   *
   * @throws SyntaxError for any other value, or one that {@code jsonb} cannot store exactly
   */
  public static String canonicalObject(Map<String, ?> map) {
    StringBuilder json = new StringBuilder();
    writeJava(map, json, 0);
    return canonicalObject(json.toString());
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH);
    }
    skipWhitespace();
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", NULL);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character");
    }
  }

  private Map<String, Object> object(int depth) {
    pos++;
    Map<String, Object> members = new TreeMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return members;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a string key");
      }
      String key = string();
      skipWhitespace();
      expect(':');
      members.put(key, value(depth + 1));
      skipWhitespace();
      char c = next();
      if (c == '}') {
        return members;
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> array(int depth) {
    pos++;
    List<Object> items = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return items;
    }
    while (true) {
      items.add(value(depth + 1));
      skipWhitespace();
      char c = next();
      if (c == ']') {
        return items;
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or ']'");
      }
    }
  }

  private String string() {
    pos++;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        break;
      }
      if (c < 0x20) {
        pos--;
        throw error("control character in a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          char u = hex4();
          if (u == 0) {
            throw error("\\u0000 cannot be stored in jsonb");
          }
          out.append(u);
        }
        default -> {
          pos--;
          throw error("invalid escape");
        }
      }
    }
    String s = out.toString();
    int bad = TextChecks.unpairedSurrogate(s);
    if (bad >= 0) {
      throw error("unpaired surrogate in a string");
    }
    return s;
  }

  private char hex4() {
    if (pos + 4 > text.length()) {
      throw error("truncated \\u escape");
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(text.charAt(pos++), 16);
      if (d < 0) {
        pos--;
        throw error("invalid \\u escape");
      }
      v = v * 16 + d;
    }
    return (char) v;
  }

  /** An integer whose canonical form is its own text: written as is, with no BigDecimal. */
  private record PlainInteger(String text) {}

  /** A number: a {@link PlainInteger} when it is one, else a {@link BigDecimal}. */
  private Object number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    int integerStart = pos;
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("invalid number");
    }
    int integerDigits = pos - integerStart;
    boolean integer = true;
    if (peek() == '.') {
      integer = false;
      pos++;
      if (!isDigit(peek())) {
        throw error("invalid number");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      integer = false;
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("invalid number");
      }
      digits();
    }
    String literal = text.substring(start, pos);
    // The common case (counts, ids, token numbers): no fraction, no exponent, no trailing zero
    // (which stripTrailingZeros would turn into an exponent), so the text is already canonical.
    if (integer && integerDigits <= 18 && text.charAt(pos - 1) != '0') {
      return new PlainInteger(literal);
    }
    BigDecimal value;
    try {
      value = new BigDecimal(literal);
    } catch (NumberFormatException | ArithmeticException e) {
      throw error("number out of range");
    }
    if (value.signum() != 0) {
      long exponent = (long) value.precision() - value.scale() - 1;
      if (Math.abs(exponent) > MAX_EXPONENT) {
        pos = start;
        throw error("number beyond 1e" + MAX_EXPONENT + " or below 1e-" + MAX_EXPONENT);
      }
    }
    return value;
  }

  private void digits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("unexpected character");
    }
    pos += word.length();
    return value;
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private char next() {
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    return text.charAt(pos++);
  }

  private void expect(char c) {
    if (next() != c) {
      pos--;
      throw error("expected '" + c + "'");
    }
  }

  private SyntaxError error(String what) {
    return new SyntaxError("is not valid JSON: " + what + " at offset " + pos);
  }

  private static void write(Object value, StringBuilder out) {
    if (value == NULL) {
      out.append("null");
    } else if (value instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (value instanceof PlainInteger n) {
      out.append(n.text());
    } else if (value instanceof BigDecimal n) {
      out.append(n.signum() == 0 ? "0" : n.stripTrailingZeros().toString());
    } else if (value instanceof String s) {
      writeString(s, out);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString((String) e.getKey(), out);
        out.append(':');
        write(e.getValue(), out);
      }
      out.append('}');
    } else {
      out.append('[');
      boolean first = true;
      for (Object item : (List<?>) value) {
        if (!first) {
          out.append(',');
        }
        first = false;
        write(item, out);
      }
      out.append(']');
    }
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void writeJava(Object value, StringBuilder out, int depth) {
    if (depth > MAX_DEPTH) {
      throw new SyntaxError("nesting deeper than " + MAX_DEPTH);
    }
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      writeString(s, out);
    } else if (value instanceof Boolean b) {
      out.append(b);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new SyntaxError("holds a non-finite number");
      }
      out.append(BigDecimal.valueOf(d));
    } else if (value instanceof BigDecimal || value instanceof BigInteger || value instanceof Long
        || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new SyntaxError("has a key that is not a string");
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString(key, out);
        out.append(':');
        writeJava(e.getValue(), out, depth + 1);
      }
      out.append('}');
    } else if (value instanceof Collection<?> || value instanceof Object[]) {
      Collection<?> items = value instanceof Object[] array ? Arrays.asList(array) : (Collection<?>) value;
      out.append('[');
      boolean first = true;
      for (Object item : items) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeJava(item, out, depth + 1);
      }
      out.append(']');
    } else {
      throw new SyntaxError("holds a value of unsupported type " + value.getClass().getName());
    }
  }
}
