package dev.citadel.qdrant.local.internal;

import io.qdrant.client.grpc.JsonWithInt.ListValue;
import io.qdrant.client.grpc.JsonWithInt.NullValue;
import io.qdrant.client.grpc.JsonWithInt.Struct;
import io.qdrant.client.grpc.JsonWithInt.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A payload key such as {@code meta.author}, {@code tags[]}, {@code chunks[0].text} or
 * {@code "dotted.key"}, with Qdrant's grammar and semantics (lib/segment/src/json_path: a key
 * does not descend into arrays by itself, {@code []} does; set merges, a null value removes).
 */
final class JsonPath {
  private enum Kind { KEY, INDEX, WILDCARD }

  private record Item(Kind kind, String key, int index) {}

  private static final Value NULL = Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();

  private final String firstKey;
  private final List<Item> rest;

  private JsonPath(String firstKey, List<Item> rest) {
    this.firstKey = firstKey;
    this.rest = rest;
  }

  /** Parses {@code text}; a malformed path is INVALID_ARGUMENT, as in Qdrant. */
  static JsonPath parse(String text) {
    int[] pos = {0};
    String first = readKey(text, pos);
    if (first == null) {
      throw invalidPath(text);
    }
    List<Item> items = new ArrayList<>();
    while (pos[0] < text.length()) {
      char c = text.charAt(pos[0]);
      if (c == '.') {
        pos[0]++;
        String key = readKey(text, pos);
        if (key == null) {
          throw invalidPath(text);
        }
        items.add(new Item(Kind.KEY, key, 0));
      } else if (text.startsWith("[]", pos[0])) {
        pos[0] += 2;
        items.add(new Item(Kind.WILDCARD, null, 0));
      } else if (c == '[') {
        int close = text.indexOf(']', pos[0]);
        String digits = close < 0 ? "" : text.substring(pos[0] + 1, close);
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
          throw invalidPath(text);
        }
        items.add(new Item(Kind.INDEX, null, Integer.parseInt(digits)));
        pos[0] = close + 1;
      } else {
        throw invalidPath(text);
      }
    }
    return new JsonPath(first, List.copyOf(items));
  }

  private static String readKey(String text, int[] pos) {
    int start = pos[0];
    if (start < text.length() && text.charAt(start) == '"') {
      int end = text.indexOf('"', start + 1);
      if (end < 0 || text.substring(start + 1, end).indexOf('\\') >= 0) {
        return null;
      }
      pos[0] = end + 1;
      return text.substring(start + 1, end);
    }
    int i = start;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
        break;
      }
      i++;
    }
    if (i == start) {
      return null;
    }
    pos[0] = i;
    return text.substring(start, i);
  }

  private static RuntimeException invalidPath(String text) {
    return Errors.invalid("Invalid JSON path: '" + text + "'");
  }

  /** This path with {@code []} appended unless it already ends with it (nested conditions). */
  JsonPath arrayKey() {
    if (!rest.isEmpty() && rest.get(rest.size() - 1).kind == Kind.WILDCARD) {
      return this;
    }
    List<Item> items = new ArrayList<>(rest);
    items.add(new Item(Kind.WILDCARD, null, 0));
    return new JsonPath(firstKey, List.copyOf(items));
  }

  /** Every value the path reaches; empty when it reaches none. */
  List<Value> get(Map<String, Value> payload) {
    List<Value> out = new ArrayList<>(1);
    Value first = payload.get(firstKey);
    if (first != null) {
      collect(0, first, out);
    }
    return out;
  }

  private void collect(int at, Value value, List<Value> out) {
    if (at == rest.size()) {
      out.add(value);
      return;
    }
    Item item = rest.get(at);
    switch (item.kind) {
      case KEY -> {
        if (value.hasStructValue()) {
          Value next = value.getStructValue().getFieldsMap().get(item.key);
          if (next != null) {
            collect(at + 1, next, out);
          }
        }
      }
      case INDEX -> {
        if (value.hasListValue() && item.index < value.getListValue().getValuesCount()) {
          collect(at + 1, value.getListValue().getValues(item.index), out);
        }
      }
      case WILDCARD -> {
        if (value.hasListValue()) {
          for (Value element : value.getListValue().getValuesList()) {
            collect(at + 1, element, out);
          }
        }
      }
    }
  }

  /** Qdrant's {@code merge_map}: each source key replaces the destination's; a null removes it. */
  static void merge(Map<String, Value> dest, Map<String, Value> src) {
    src.forEach((k, v) -> {
      if (v.hasNullValue()) {
        dest.remove(k);
      } else {
        dest.put(k, v);
      }
    });
  }

  /** Set-payload with a {@code key}: merges {@code src} into the object(s) at this path. */
  void set(Map<String, Value> dest, Map<String, Value> src) {
    Value current = dest.get(firstKey);
    dest.put(firstKey, setIn(0, current == null ? NULL : current, src));
  }

  private Value setIn(int at, Value dest, Map<String, Value> src) {
    if (at == rest.size()) {
      Map<String, Value> fields = new LinkedHashMap<>(
          dest.hasStructValue() ? dest.getStructValue().getFieldsMap() : Map.of());
      merge(fields, src);
      return struct(fields);
    }
    Item item = rest.get(at);
    switch (item.kind) {
      case KEY -> {
        Map<String, Value> fields = new LinkedHashMap<>(
            dest.hasStructValue() ? dest.getStructValue().getFieldsMap() : Map.of());
        Value child = fields.get(item.key);
        fields.put(item.key, setIn(at + 1, child == null ? NULL : child, src));
        return struct(fields);
      }
      case INDEX -> {
        List<Value> values = new ArrayList<>(
            dest.hasListValue() ? dest.getListValue().getValuesList() : List.of());
        if (item.index < values.size()) {
          values.set(item.index, setIn(at + 1, values.get(item.index), src));
        }
        return list(values);
      }
      default -> {
        if (!dest.hasListValue()) {
          return list(List.of());
        }
        List<Value> values = new ArrayList<>();
        for (Value v : dest.getListValue().getValuesList()) {
          values.add(setIn(at + 1, v, src));
        }
        return list(values);
      }
    }
  }

  /** Delete-payload: removes what the path reaches (array indices are never removed). */
  void remove(Map<String, Value> payload) {
    if (rest.isEmpty()) {
      payload.remove(firstKey);
      return;
    }
    Value first = payload.get(firstKey);
    if (first != null) {
      payload.put(firstKey, removeIn(0, first));
    }
  }

  private Value removeIn(int at, Value value) {
    Item item = rest.get(at);
    boolean last = at == rest.size() - 1;
    switch (item.kind) {
      case KEY -> {
        if (!value.hasStructValue()) {
          return value;
        }
        Map<String, Value> fields = new LinkedHashMap<>(value.getStructValue().getFieldsMap());
        if (last) {
          fields.remove(item.key);
        } else if (fields.containsKey(item.key)) {
          fields.put(item.key, removeIn(at + 1, fields.get(item.key)));
        }
        return struct(fields);
      }
      case INDEX -> {
        if (last || !value.hasListValue() || item.index >= value.getListValue().getValuesCount()) {
          return value;
        }
        List<Value> values = new ArrayList<>(value.getListValue().getValuesList());
        values.set(item.index, removeIn(at + 1, values.get(item.index)));
        return list(values);
      }
      default -> {
        if (!value.hasListValue()) {
          return value;
        }
        if (last) {
          return list(List.of());
        }
        List<Value> values = new ArrayList<>();
        for (Value v : value.getListValue().getValuesList()) {
          values.add(removeIn(at + 1, v));
        }
        return list(values);
      }
    }
  }

  /**
   * with_payload include: keeps every node whose path is a prefix of a pattern or has one as a
   * prefix (json_path check_include_pattern).
   */
  static Map<String, Value> include(Map<String, Value> payload, List<JsonPath> patterns) {
    return filter(payload, path -> patterns.stream().anyMatch(p -> p.prefixCompatible(path)));
  }

  /** with_payload exclude: drops every node at or below a pattern (check_exclude_pattern). */
  static Map<String, Value> exclude(Map<String, Value> payload, List<JsonPath> patterns) {
    return filter(payload, path -> patterns.stream().noneMatch(p -> p.isPrefixOf(path)));
  }

  private boolean prefixCompatible(JsonPath path) {
    if (!firstKey.equals(path.firstKey)) {
      return false;
    }
    int n = Math.min(rest.size(), path.rest.size());
    return rest.subList(0, n).equals(path.rest.subList(0, n));
  }

  private boolean isPrefixOf(JsonPath path) {
    return firstKey.equals(path.firstKey)
        && path.rest.size() >= rest.size()
        && path.rest.subList(0, rest.size()).equals(rest);
  }

  private static Map<String, Value> filter(
      Map<String, Value> payload, java.util.function.Predicate<JsonPath> keep) {
    Map<String, Value> out = new LinkedHashMap<>();
    payload.forEach((k, v) -> {
      JsonPath path = new JsonPath(k, List.of());
      if (keep.test(path)) {
        out.put(k, filterValue(path, v, keep));
      }
    });
    return out;
  }

  private static Value filterValue(JsonPath path, Value value, java.util.function.Predicate<JsonPath> keep) {
    if (value.hasListValue()) {
      JsonPath element = path.append(new Item(Kind.WILDCARD, null, 0));
      List<Value> kept = new ArrayList<>();
      for (Value v : value.getListValue().getValuesList()) {
        if (keep.test(element)) {
          kept.add(filterValue(element, v, keep));
        }
      }
      return list(kept);
    }
    if (value.hasStructValue()) {
      Map<String, Value> kept = new LinkedHashMap<>();
      value.getStructValue().getFieldsMap().forEach((k, v) -> {
        JsonPath child = path.append(new Item(Kind.KEY, k, 0));
        if (keep.test(child)) {
          kept.put(k, filterValue(child, v, keep));
        }
      });
      return struct(kept);
    }
    return value;
  }

  private JsonPath append(Item item) {
    List<Item> items = new ArrayList<>(rest);
    items.add(item);
    return new JsonPath(firstKey, items);
  }

  private static Value struct(Map<String, Value> fields) {
    return Value.newBuilder().setStructValue(Struct.newBuilder().putAllFields(fields)).build();
  }

  private static Value list(List<Value> values) {
    return Value.newBuilder().setListValue(ListValue.newBuilder().addAllValues(values)).build();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(firstKey);
    for (Item item : rest) {
      switch (item.kind) {
        case KEY -> out.append('.').append(item.key);
        case INDEX -> out.append('[').append(item.index).append(']');
        default -> out.append("[]");
      }
    }
    return out.toString();
  }
}
