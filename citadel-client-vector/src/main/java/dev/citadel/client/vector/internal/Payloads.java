package dev.citadel.client.vector.internal;

import dev.citadel.client.InvalidArgumentException;
import io.qdrant.client.grpc.JsonWithInt.ListValue;
import io.qdrant.client.grpc.JsonWithInt.NullValue;
import io.qdrant.client.grpc.JsonWithInt.Struct;
import io.qdrant.client.grpc.JsonWithInt.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Payload values between Java and Qdrant. Java to Qdrant: strings, booleans, integral numbers
 * (integer), other numbers (double), {@link Instant} and offset/zoned date-times (RFC 3339 in
 * UTC), {@link UUID} and enums (their text), null, collections, arrays and maps. Qdrant to Java:
 * {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code List}, {@code Map} or
 * null, so values compare equal after a round trip through {@link #normalize}.
 */
public final class Payloads {
  private static final Value NULL = Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();

  private Payloads() {}

  /** A Java payload as Qdrant values. */
  public static Map<String, Value> toValues(Map<String, ?> payload) {
    Map<String, Value> out = new LinkedHashMap<>();
    payload.forEach((k, v) -> out.put(k, toValue(v)));
    return out;
  }

  /**
   * One Java value as a Qdrant value.
   *
   * @throws InvalidArgumentException for a type with no JSON form, or a non-finite double
   */
  public static Value toValue(Object v) {
    if (v == null) {
      return NULL;
    }
    Value.Builder b = Value.newBuilder();
    if (v instanceof String s) {
      return b.setStringValue(s).build();
    }
    if (v instanceof Boolean x) {
      return b.setBoolValue(x).build();
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return b.setIntegerValue(((Number) v).longValue()).build();
    }
    if (v instanceof BigInteger x) {
      return b.setIntegerValue(x.longValueExact()).build();
    }
    if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
      double d = ((Number) v).doubleValue();
      if (!Double.isFinite(d)) {
        throw new InvalidArgumentException("payload", "numbers must be finite, was " + d);
      }
      return b.setDoubleValue(d).build();
    }
    if (v instanceof Instant i) {
      return b.setStringValue(i.toString()).build();
    }
    if (v instanceof OffsetDateTime t) {
      return b.setStringValue(t.toInstant().toString()).build();
    }
    if (v instanceof ZonedDateTime t) {
      return b.setStringValue(t.toInstant().toString()).build();
    }
    if (v instanceof UUID || v instanceof Enum<?>) {
      return b.setStringValue(v.toString()).build();
    }
    if (v instanceof Map<?, ?> m) {
      Struct.Builder s = Struct.newBuilder();
      m.forEach((k, x) -> s.putFields(String.valueOf(k), toValue(x)));
      return b.setStructValue(s).build();
    }
    if (v instanceof Collection<?> c) {
      ListValue.Builder l = ListValue.newBuilder();
      c.forEach(x -> l.addValues(toValue(x)));
      return b.setListValue(l).build();
    }
    if (v instanceof Object[] array) {
      return toValue(List.of(array));
    }
    if (v instanceof Value value) {
      return value;
    }
    throw new InvalidArgumentException("payload", "a value of type " + v.getClass().getName()
        + " has no JSON form (use strings, numbers, booleans, Instant, UUID, lists or maps)");
  }

  /** A Qdrant payload as plain Java values. */
  public static Map<String, Object> toJava(Map<String, Value> payload) {
    Map<String, Object> out = new LinkedHashMap<>();
    payload.forEach((k, v) -> out.put(k, toJava(v)));
    return Collections.unmodifiableMap(out);
  }

  static Object toJava(Value v) {
    return switch (v.getKindCase()) {
      case STRING_VALUE -> v.getStringValue();
      case INTEGER_VALUE -> v.getIntegerValue();
      case DOUBLE_VALUE -> v.getDoubleValue();
      case BOOL_VALUE -> v.getBoolValue();
      case STRUCT_VALUE -> toJava(v.getStructValue().getFieldsMap());
      case LIST_VALUE -> {
        List<Object> list = new ArrayList<>();
        v.getListValue().getValuesList().forEach(x -> list.add(toJava(x)));
        yield Collections.unmodifiableList(list);
      }
      default -> null;
    };
  }

  /**
   * {@code payload} as it reads back from Qdrant: the same normal form as {@link #toJava}, for
   * comparing a payload we hold (e.g. parsed from JSON) with one Qdrant returned.
   */
  public static Map<String, Object> normalize(Map<String, ?> payload) {
    return toJava(toValues(payload));
  }
}
