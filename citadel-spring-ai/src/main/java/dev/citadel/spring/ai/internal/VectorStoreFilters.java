package dev.citadel.spring.ai.internal;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.vector.VectorFilter;
import dev.citadel.client.vector.VectorFilter.Condition;
import java.util.Collection;
import java.util.List;
import org.springframework.ai.vectorstore.filter.Filter;

/**
 * Spring AI {@link Filter.Expression}s as the vector module's {@link VectorFilter}: EQ, NE, GT,
 * GTE, LT, LTE, IN, NIN, AND, OR, NOT, ISNULL and ISNOTNULL. Strings and UUIDs compare as
 * keywords, integral numbers as integers, other numbers as doubles, booleans as booleans. ISNULL
 * is Qdrant's is_empty (the key is missing, null or an empty list); ISNOTNULL its negation. What
 * Qdrant cannot express (an order comparison of strings, an operand of another shape) is an
 * {@link InvalidArgumentException} naming the filter, never dropped.
 */
public final class VectorStoreFilters {
  private VectorStoreFilters() {}

  /** The expression as the vector module's filter; {@link VectorFilter#none()} for null. */
  public static VectorFilter toVectorFilter(Filter.Expression expression) {
    return expression == null ? VectorFilter.none()
        : VectorFilter.builder().condition(condition(expression)).build();
  }

  static Condition condition(Filter.Operand operand) {
    if (operand instanceof Filter.Group group) {
      return condition(group.content());
    }
    if (!(operand instanceof Filter.Expression e)) {
      throw new InvalidArgumentException("filter", "expected an expression, found " + operand);
    }
    return switch (e.type()) {
      case AND -> new VectorFilter.And(List.of(condition(e.left()), condition(e.right())));
      case OR -> new VectorFilter.Or(List.of(condition(e.left()), condition(e.right())));
      case NOT -> new VectorFilter.Not(condition(e.left()));
      case EQ -> VectorFilter.equalTo(key(e), value(e));
      case NE -> new VectorFilter.Not(VectorFilter.equalTo(key(e), value(e)));
      case GT -> new VectorFilter.Bounds(key(e), number(e), null, null, null);
      case GTE -> new VectorFilter.Bounds(key(e), null, number(e), null, null);
      case LT -> new VectorFilter.Bounds(key(e), null, null, number(e), null);
      case LTE -> new VectorFilter.Bounds(key(e), null, null, null, number(e));
      case IN -> VectorFilter.anyOf(key(e), values(e));
      case NIN -> new VectorFilter.Not(VectorFilter.anyOf(key(e), values(e)));
      case ISNULL -> new VectorFilter.IsEmpty(key(e));
      case ISNOTNULL -> new VectorFilter.Not(new VectorFilter.IsEmpty(key(e)));
    };
  }

  private static String key(Filter.Expression e) {
    if (!(e.left() instanceof Filter.Key k)) {
      throw new InvalidArgumentException("filter", e.type() + " needs a key on its left, found " + e.left());
    }
    String key = k.key();
    if (key.length() >= 2 && (key.startsWith("\"") && key.endsWith("\"") || key.startsWith("'") && key.endsWith("'"))) {
      key = key.substring(1, key.length() - 1);
    }
    return key;
  }

  private static Object value(Filter.Expression e) {
    if (!(e.right() instanceof Filter.Value v) || v.value() == null) {
      throw new InvalidArgumentException("filter", e.type() + " on key '" + key(e) + "' needs a value");
    }
    return v.value();
  }

  private static Collection<?> values(Filter.Expression e) {
    Object v = value(e);
    if (!(v instanceof Collection<?> c) || c.isEmpty()) {
      throw new InvalidArgumentException("filter", e.type() + " on key '" + key(e) + "' needs a non-empty list");
    }
    return c;
  }

  private static double number(Filter.Expression e) {
    Object v = value(e);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new InvalidArgumentException("filter", e.type() + " on key '" + key(e) + "' with a "
        + v.getClass().getSimpleName() + " value is not supported: Qdrant compares order only for numbers");
  }

}
