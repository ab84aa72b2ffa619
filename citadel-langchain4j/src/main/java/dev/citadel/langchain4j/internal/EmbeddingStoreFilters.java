package dev.citadel.langchain4j.internal;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.vector.VectorFilter;
import dev.citadel.client.vector.VectorFilter.Condition;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.ContainsString;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotIn;
import dev.langchain4j.store.embedding.filter.logical.And;
import dev.langchain4j.store.embedding.filter.logical.Not;
import dev.langchain4j.store.embedding.filter.logical.Or;
import java.util.List;

/**
 * LangChain4j metadata {@link Filter}s as the vector module's {@link VectorFilter}: every
 * comparison and logical operator LangChain4j 1.19 has. Values are compared as Qdrant stores them:
 * strings and UUIDs as keywords, integral numbers as integers, floating-point numbers as doubles
 * (a {@code float} widened exactly as its payload value was). What Qdrant cannot express (an
 * order comparison of strings, a filter type this class does not know) is an
 * {@link InvalidArgumentException} naming the filter, never dropped.
 */
public final class EmbeddingStoreFilters {
  private EmbeddingStoreFilters() {}

  /** The filter as the vector module's; {@link VectorFilter#none()} for null. */
  public static VectorFilter toVectorFilter(Filter filter) {
    return filter == null ? VectorFilter.none() : VectorFilter.builder().condition(condition(filter)).build();
  }

  static Condition condition(Filter f) {
    if (f instanceof IsEqualTo eq) {
      return VectorFilter.equalTo(eq.key(), eq.comparisonValue());
    }
    if (f instanceof IsNotEqualTo ne) {
      return new VectorFilter.Not(VectorFilter.equalTo(ne.key(), ne.comparisonValue()));
    }
    if (f instanceof IsGreaterThan gt) {
      double v = number(gt.key(), gt.comparisonValue(), "IsGreaterThan");
      return new VectorFilter.Bounds(gt.key(), v, null, null, null);
    }
    if (f instanceof IsGreaterThanOrEqualTo gte) {
      double v = number(gte.key(), gte.comparisonValue(), "IsGreaterThanOrEqualTo");
      return new VectorFilter.Bounds(gte.key(), null, v, null, null);
    }
    if (f instanceof IsLessThan lt) {
      double v = number(lt.key(), lt.comparisonValue(), "IsLessThan");
      return new VectorFilter.Bounds(lt.key(), null, null, v, null);
    }
    if (f instanceof IsLessThanOrEqualTo lte) {
      double v = number(lte.key(), lte.comparisonValue(), "IsLessThanOrEqualTo");
      return new VectorFilter.Bounds(lte.key(), null, null, null, v);
    }
    if (f instanceof IsIn in) {
      return VectorFilter.anyOf(in.key(), in.comparisonValues());
    }
    if (f instanceof IsNotIn nin) {
      return new VectorFilter.Not(VectorFilter.anyOf(nin.key(), nin.comparisonValues()));
    }
    if (f instanceof ContainsString contains) {
      return new VectorFilter.Text(contains.key(), contains.comparisonValue());
    }
    if (f instanceof And and) {
      return new VectorFilter.And(List.of(condition(and.left()), condition(and.right())));
    }
    if (f instanceof Or or) {
      return new VectorFilter.Or(List.of(condition(or.left()), condition(or.right())));
    }
    if (f instanceof Not not) {
      return new VectorFilter.Not(condition(not.expression()));
    }
    throw new InvalidArgumentException("filter", "the LangChain4j filter type "
        + f.getClass().getName() + " is not supported by the Citadel embedding store");
  }

  private static double number(String key, Object value, String operator) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw unsupportedValue(operator, key, value);
  }

  private static InvalidArgumentException unsupportedValue(String operator, String key, Object value) {
    String type = value == null ? "null" : value.getClass().getSimpleName();
    return new InvalidArgumentException("filter", operator + " on key '" + key + "' with a " + type
        + " value is not supported: Qdrant compares order only for numbers (equality for strings, UUIDs,"
        + " numbers and booleans)");
  }
}
