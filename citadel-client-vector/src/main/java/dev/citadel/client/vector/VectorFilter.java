package dev.citadel.client.vector;

import dev.citadel.client.InvalidArgumentException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Conditions on the payload that every result must meet (all of them: they are ANDed). The
 * document-chunk shortcuts ({@link Builder#tagsAnyOf}, {@link Builder#fileType},
 * {@link Builder#createdBetween}, {@link Builder#fileId}) use the seed 004 field names; the
 * generic ones take any payload key, including nested keys such as {@code meta.author}.
 * Immutable.
 */
public final class VectorFilter {
  /** One condition; the internal translation knows every kind. */
  public sealed interface Condition
      permits Keyword, AnyKeyword, IntegerMatch, BooleanMatch, NumberRange, TimeRange, IdIn,
          AnyInteger, Bounds, Text, IsEmpty, Not, Or, And {}

  /** {@code key} equals {@code value} (or contains it, for an array). */
  public record Keyword(String key, String value) implements Condition {}

  /** {@code key} equals one of {@code values}. */
  public record AnyKeyword(String key, List<String> values) implements Condition {}

  /** {@code key} equals the integer {@code value}. */
  public record IntegerMatch(String key, long value) implements Condition {}

  /** {@code key} equals the boolean {@code value}. */
  public record BooleanMatch(String key, boolean value) implements Condition {}

  /** {@code key} is a number within the bounds (inclusive; null for open). */
  public record NumberRange(String key, Double min, Double max) implements Condition {}

  /** {@code key} is a timestamp within [from, to) (null for open). */
  public record TimeRange(String key, Instant from, Instant to) implements Condition {}

  /** The point id is one of {@code ids}. */
  public record IdIn(List<PointId> ids) implements Condition {}

  /** {@code key} equals one of the integers {@code values}. */
  public record AnyInteger(String key, List<Long> values) implements Condition {
    /** @throws InvalidArgumentException when {@code values} is empty */
    public AnyInteger {
      Objects.requireNonNull(key, "key");
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new InvalidArgumentException("values", "AnyInteger(" + key + ") needs at least one value");
      }
    }
  }

  /**
   * {@code key} is a number within the given bounds, each exclusive ({@code gt}, {@code lt}) or
   * inclusive ({@code gte}, {@code lte}); null for none. Integers and floating-point values both
   * qualify (compared as doubles, as Qdrant does).
   */
  public record Bounds(String key, Double gt, Double gte, Double lt, Double lte) implements Condition {
    /** @throws InvalidArgumentException when no bound is given */
    public Bounds {
      Objects.requireNonNull(key, "key");
      if (gt == null && gte == null && lt == null && lte == null) {
        throw new InvalidArgumentException("bounds", "Bounds(" + key + ") needs at least one bound");
      }
    }
  }

  /**
   * {@code key} is a string containing {@code text}: Qdrant's text match, an exact substring
   * match on a field without a full-text index (on an indexed field, Qdrant matches tokens).
   */
  public record Text(String key, String text) implements Condition {
    public Text {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(text, "text");
    }
  }

  /** {@code key} is missing, null or an empty array (Qdrant's is_empty). */
  public record IsEmpty(String key) implements Condition {
    public IsEmpty {
      Objects.requireNonNull(key, "key");
    }
  }

  /**
   * {@code condition} does not hold (Qdrant's must_not). A point without the field does not meet
   * a match or range, so it meets its negation.
   */
  public record Not(Condition condition) implements Condition {
    public Not {
      Objects.requireNonNull(condition, "condition");
    }
  }

  /** At least one of {@code conditions} holds (Qdrant's should). */
  public record Or(List<Condition> conditions) implements Condition {
    /** @throws InvalidArgumentException when {@code conditions} is empty */
    public Or {
      conditions = List.copyOf(conditions);
      if (conditions.isEmpty()) {
        throw new InvalidArgumentException("conditions", "Or needs at least one condition");
      }
    }
  }

  /** All of {@code conditions} hold (a nested must), e.g. inside {@link Or} or {@link Not}. */
  public record And(List<Condition> conditions) implements Condition {
    /** @throws InvalidArgumentException when {@code conditions} is empty */
    public And {
      conditions = List.copyOf(conditions);
      if (conditions.isEmpty()) {
        throw new InvalidArgumentException("conditions", "And needs at least one condition");
      }
    }
  }

  private static final VectorFilter NONE = new VectorFilter(List.of());

  private final List<Condition> conditions;

  private VectorFilter(List<Condition> conditions) {
    this.conditions = Collections.unmodifiableList(new ArrayList<>(conditions));
  }

  /**
   * Equality on a payload key for a value of a framework's filter: a keyword match for strings
   * and UUIDs, an integer match for integral numbers, an exact range for other numbers, a boolean
   * match for booleans.
   *
   * @throws InvalidArgumentException naming {@code filter} for any other type of value
   */
  public static Condition equalTo(String key, Object value) {
    if (value instanceof String || value instanceof UUID) {
      return new Keyword(key, value.toString());
    }
    if (isIntegral(value)) {
      return new IntegerMatch(key, ((Number) value).longValue());
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      return new Bounds(key, null, d, null, d);
    }
    if (value instanceof Boolean b) {
      return new BooleanMatch(key, b);
    }
    throw new InvalidArgumentException("filter", "equality on key '" + key + "' with a "
        + (value == null ? "null" : value.getClass().getSimpleName())
        + " value is not supported (strings, UUIDs, numbers and booleans are)");
  }

  /**
   * Membership of a payload key's value in {@code values}: one keyword or integer match when the
   * values are all of one of those kinds, otherwise the {@link #equalTo} of each, or-ed.
   *
   * @throws InvalidArgumentException naming {@code filter} for a value {@link #equalTo} refuses
   */
  public static Condition anyOf(String key, java.util.Collection<?> values) {
    if (values.stream().allMatch(v -> v instanceof String || v instanceof UUID)) {
      return new AnyKeyword(key, values.stream().map(Object::toString).toList());
    }
    if (values.stream().allMatch(VectorFilter::isIntegral)) {
      return new AnyInteger(key, values.stream().map(v -> ((Number) v).longValue()).toList());
    }
    List<Condition> any = new ArrayList<>();
    for (Object v : values) {
      any.add(equalTo(key, v));
    }
    return new Or(any);
  }

  private static boolean isIntegral(Object v) {
    return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte;
  }

  /** No conditions: every point. */
  public static VectorFilter none() {
    return NONE;
  }

  /** A builder with no conditions. */
  public static Builder builder() {
    return new Builder();
  }

  /** The conditions, all of which must hold. */
  public List<Condition> conditions() {
    return conditions;
  }

  /** True when there are no conditions. */
  public boolean isEmpty() {
    return conditions.isEmpty();
  }

  @Override
  public String toString() {
    return "VectorFilter" + conditions;
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final List<Condition> conditions = new ArrayList<>();

    private Builder() {}

    /** Points tagged with at least one of {@code tags}. */
    public Builder tagsAnyOf(String... tags) {
      return anyOf(DocumentChunk.TAGS, List.of(tags));
    }

    /** Points of file type {@code type} (e.g. {@code pdf}). */
    public Builder fileType(String type) {
      return keyword(DocumentChunk.FILE_TYPE, type);
    }

    /** Points of file {@code fileId}. */
    public Builder fileId(UUID fileId) {
      return keyword(DocumentChunk.FILE_ID, fileId.toString());
    }

    /** Points created in [from, to); either bound may be null. */
    public Builder createdBetween(Instant from, Instant to) {
      return timeRange(DocumentChunk.CREATED_AT, from, to);
    }

    /** {@code key} equals {@code value}. */
    public Builder keyword(String key, String value) {
      conditions.add(new Keyword(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value")));
      return this;
    }

    /**
     * {@code key} equals one of {@code values}.
     *
     * @throws InvalidArgumentException when {@code values} is empty
     */
    public Builder anyOf(String key, List<String> values) {
      if (values.isEmpty()) {
        throw new InvalidArgumentException("values", "anyOf(" + key + ") needs at least one value");
      }
      conditions.add(new AnyKeyword(Objects.requireNonNull(key, "key"), List.copyOf(values)));
      return this;
    }

    /** {@code key} equals the integer {@code value}. */
    public Builder integer(String key, long value) {
      conditions.add(new IntegerMatch(Objects.requireNonNull(key, "key"), value));
      return this;
    }

    /** {@code key} equals the boolean {@code value}. */
    public Builder bool(String key, boolean value) {
      conditions.add(new BooleanMatch(Objects.requireNonNull(key, "key"), value));
      return this;
    }

    /** {@code key} is a number in [min, max]; either bound may be null. */
    public Builder range(String key, Double min, Double max) {
      conditions.add(new NumberRange(Objects.requireNonNull(key, "key"), min, max));
      return this;
    }

    /** {@code key} is a timestamp in [from, to); either bound may be null. */
    public Builder timeRange(String key, Instant from, Instant to) {
      conditions.add(new TimeRange(Objects.requireNonNull(key, "key"), from, to));
      return this;
    }

    /** The point id is one of {@code ids}. */
    public Builder ids(List<PointId> ids) {
      conditions.add(new IdIn(List.copyOf(ids)));
      return this;
    }

    /**
     * Adds any condition, including the composite ones ({@link Not}, {@link Or}, {@link And})
     * that framework adapters build from their filter languages.
     */
    public Builder condition(Condition condition) {
      conditions.add(Objects.requireNonNull(condition, "condition"));
      return this;
    }

    /** Builds the filter. */
    public VectorFilter build() {
      return new VectorFilter(conditions);
    }
  }
}
