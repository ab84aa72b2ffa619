package dev.citadel.qdrant.local.internal;

import com.google.protobuf.Timestamp;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.DatetimeRange;
import io.qdrant.client.grpc.Common.FieldCondition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.Match;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.JsonWithInt.Value;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns a Qdrant {@code Filter} into a {@link PointPredicate}, checking every condition before
 * any point is read, so a condition this server does not implement is UNIMPLEMENTED even on an
 * empty collection. Semantics follow lib/segment/src/payload_storage/query_checker.rs and
 * condition_checker.rs: empty condition lists are absent; array values match when any element
 * matches; a missing field fails every match and range.
 */
final class FilterCompiler {
  private FilterCompiler() {}

  /** Whether a point has a vector of the given name ({@code has_vector}). */
  @FunctionalInterface
  interface VectorPresence {
    boolean has(PointKey id, String vectorName);
  }

  /** A predicate for {@code filter}; {@link PointPredicate#ALL} for none. */
  static PointPredicate compile(Filter filter, VectorPresence vectors) {
    if (filter == null) {
      return PointPredicate.ALL;
    }
    return compileFilter(filter, true, vectors);
  }

  private static PointPredicate compileFilter(Filter filter, boolean idsVisible, VectorPresence vectors) {
    List<PointPredicate> should = compileAll(filter.getShouldList(), idsVisible, vectors);
    List<PointPredicate> must = compileAll(filter.getMustList(), idsVisible, vectors);
    List<PointPredicate> mustNot = compileAll(filter.getMustNotList(), idsVisible, vectors);
    List<PointPredicate> minShould = filter.hasMinShould()
        ? compileAll(filter.getMinShould().getConditionsList(), idsVisible, vectors) : null;
    long minCount = filter.hasMinShould() ? filter.getMinShould().getMinCount() : 0;
    return (id, payload) -> {
      if (!should.isEmpty() && should.stream().noneMatch(p -> p.test(id, payload))) {
        return false;
      }
      if (minShould != null && minShould.stream().filter(p -> p.test(id, payload)).limit(minCount).count() < minCount) {
        return false;
      }
      for (PointPredicate p : must) {
        if (!p.test(id, payload)) {
          return false;
        }
      }
      for (PointPredicate p : mustNot) {
        if (p.test(id, payload)) {
          return false;
        }
      }
      return true;
    };
  }

  private static List<PointPredicate> compileAll(List<Condition> conditions, boolean idsVisible,
      VectorPresence vectors) {
    List<PointPredicate> out = new ArrayList<>(conditions.size());
    for (Condition c : conditions) {
      PointPredicate p = compileCondition(c, idsVisible, vectors);
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  /** Null for a condition with nothing set, which Qdrant drops (grpc conversions.rs). */
  private static PointPredicate compileCondition(Condition c, boolean idsVisible, VectorPresence vectors) {
    switch (c.getConditionOneOfCase()) {
      case FIELD:
        return compileField(c.getField());
      case IS_EMPTY: {
        JsonPath path = JsonPath.parse(c.getIsEmpty().getKey());
        return (id, payload) -> path.get(payload).stream().allMatch(FilterCompiler::isNullOrEmptyArray);
      }
      case IS_NULL: {
        JsonPath path = JsonPath.parse(c.getIsNull().getKey());
        return (id, payload) -> path.get(payload).stream().anyMatch(Value::hasNullValue);
      }
      case HAS_ID: {
        Set<PointKey> ids = new HashSet<>();
        for (PointId id : c.getHasId().getHasIdList()) {
          ids.add(PointKey.of(id));
        }
        // Inside a nested condition Qdrant has no point id to compare: has_id never matches there.
        return idsVisible ? (id, payload) -> ids.contains(id) : (id, payload) -> false;
      }
      case FILTER:
        return compileFilter(c.getFilter(), idsVisible, vectors);
      case NESTED: {
        if (!c.getNested().hasFilter()) {
          throw Errors.invalid("Nested condition must have a filter");
        }
        JsonPath path = JsonPath.parse(c.getNested().getKey()).arrayKey();
        PointPredicate inner = compileFilter(c.getNested().getFilter(), false, vectors);
        return (id, payload) -> {
          for (Value v : path.get(payload)) {
            if (v.hasStructValue() && inner.test(id, v.getStructValue().getFieldsMap())) {
              return true;
            }
          }
          return false;
        };
      }
      case HAS_VECTOR: {
        String vectorName = c.getHasVector().getHasVector();
        return (id, payload) -> vectors.has(id, vectorName);
      }
      default:
        return null;
    }
  }

  private static boolean isNullOrEmptyArray(Value v) {
    return v.hasNullValue() || (v.hasListValue() && v.getListValue().getValuesCount() == 0);
  }

  private static PointPredicate compileField(FieldCondition fc) {
    if (fc.hasGeoBoundingBox() || fc.hasGeoRadius() || fc.hasGeoPolygon()) {
      throw Errors.unimplemented("Geo conditions");
    }
    if (fc.hasValuesCount()) {
      throw Errors.unimplemented("values_count conditions");
    }
    JsonPath path = JsonPath.parse(fc.getKey());
    if (fc.hasIsEmpty() || fc.hasIsNull()) {
      boolean isEmpty = fc.hasIsEmpty();
      boolean flag = isEmpty ? fc.getIsEmpty() : fc.getIsNull();
      Predicate<Value> check = isEmpty ? v -> checkIsEmpty(flag, v) : v -> checkIsNull(flag, v);
      boolean whenMissing = isEmpty ? flag : !flag;
      return (id, payload) -> {
        List<Value> values = path.get(payload);
        return values.isEmpty() ? whenMissing : values.stream().anyMatch(check);
      };
    }
    List<Predicate<Value>> checks = new ArrayList<>();
    if (fc.hasMatch()) {
      checks.add(compileMatch(fc.getMatch()));
    }
    if (fc.hasRange()) {
      checks.add(compileRange(fc.getRange()));
    } else if (fc.hasDatetimeRange()) {
      checks.add(compileDatetimeRange(fc.getDatetimeRange()));
    }
    return (id, payload) -> {
      for (Value v : path.get(payload)) {
        if (v.hasListValue()) {
          for (Value element : v.getListValue().getValuesList()) {
            if (anyCheck(checks, element)) {
              return true;
            }
          }
        } else if (anyCheck(checks, v)) {
          return true;
        }
      }
      return false;
    };
  }

  private static boolean anyCheck(List<Predicate<Value>> checks, Value v) {
    for (Predicate<Value> c : checks) {
      if (c.test(v)) {
        return true;
      }
    }
    return false;
  }

  private static boolean checkIsEmpty(boolean isEmpty, Value v) {
    if (v.hasNullValue()) {
      return isEmpty;
    }
    if (v.hasListValue()) {
      return (v.getListValue().getValuesCount() == 0) == isEmpty;
    }
    return !isEmpty;
  }

  private static boolean checkIsNull(boolean isNull, Value v) {
    if (v.hasNullValue()) {
      return isNull;
    }
    if (v.hasListValue()) {
      return v.getListValue().getValuesList().stream().anyMatch(Value::hasNullValue) == isNull;
    }
    return !isNull;
  }

  private static Predicate<Value> compileMatch(Match m) {
    switch (m.getMatchValueCase()) {
      case KEYWORD: {
        String s = m.getKeyword();
        return v -> v.hasStringValue() && v.getStringValue().equals(s);
      }
      case INTEGER: {
        long n = m.getInteger();
        return v -> v.hasIntegerValue() && v.getIntegerValue() == n;
      }
      case BOOLEAN: {
        boolean b = m.getBoolean();
        return v -> v.hasBoolValue() && v.getBoolValue() == b;
      }
      case KEYWORDS: {
        Set<String> any = Set.copyOf(m.getKeywords().getStringsList());
        return v -> v.hasStringValue() && any.contains(v.getStringValue());
      }
      case INTEGERS: {
        Set<Long> any = Set.copyOf(m.getIntegers().getIntegersList());
        return v -> v.hasIntegerValue() && any.contains(v.getIntegerValue());
      }
      case EXCEPT_KEYWORDS: {
        Set<String> except = Set.copyOf(m.getExceptKeywords().getStringsList());
        return v -> !v.hasNullValue() && !(v.hasStringValue() && except.contains(v.getStringValue()));
      }
      case EXCEPT_INTEGERS: {
        Set<Long> except = Set.copyOf(m.getExceptIntegers().getIntegersList());
        return v -> !v.hasNullValue() && !(v.hasIntegerValue() && except.contains(v.getIntegerValue()));
      }
      case TEXT:
      case PHRASE:
      case TEXT_ANY:
        throw Errors.unimplemented("Full-text match conditions (text, phrase, text_any)");
      default:
        throw Errors.invalid("Match condition has no value");
    }
  }

  private static Predicate<Value> compileRange(Range r) {
    return v -> {
      double x;
      if (v.hasIntegerValue()) {
        x = v.getIntegerValue();
      } else if (v.hasDoubleValue()) {
        x = v.getDoubleValue();
      } else {
        return false;
      }
      return (!r.hasLt() || x < r.getLt()) && (!r.hasGt() || x > r.getGt())
          && (!r.hasLte() || x <= r.getLte()) && (!r.hasGte() || x >= r.getGte());
    };
  }

  private static Predicate<Value> compileDatetimeRange(DatetimeRange r) {
    Instant lt = r.hasLt() ? instant(r.getLt()) : null;
    Instant gt = r.hasGt() ? instant(r.getGt()) : null;
    Instant lte = r.hasLte() ? instant(r.getLte()) : null;
    Instant gte = r.hasGte() ? instant(r.getGte()) : null;
    return v -> {
      Instant x = v.hasStringValue() ? parseDatetime(v.getStringValue()) : null;
      return x != null
          && (lt == null || x.isBefore(lt)) && (gt == null || x.isAfter(gt))
          && (lte == null || !x.isAfter(lte)) && (gte == null || !x.isBefore(gte));
    };
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  private static final DateTimeFormatter SPACE_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]XXX");
  private static final DateTimeFormatter SPACE_LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS]");

  /**
   * The payload datetime formats Qdrant accepts (segment types.rs DateTimePayloadType): RFC 3339,
   * the same with a space, and without an offset (UTC) down to a bare date.
   */
  static Instant parseDatetime(String s) {
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException ignored) {
      // next format
    }
    try {
      return OffsetDateTime.parse(s, SPACE_OFFSET).toInstant();
    } catch (DateTimeParseException ignored) {
      // next format
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // next format
    }
    try {
      return LocalDateTime.parse(s, SPACE_LOCAL).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // next format
    }
    try {
      return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
