package dev.citadel.spring.ai.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.vector.VectorFilter;
import dev.citadel.client.vector.VectorFilter.And;
import dev.citadel.client.vector.VectorFilter.AnyInteger;
import dev.citadel.client.vector.VectorFilter.AnyKeyword;
import dev.citadel.client.vector.VectorFilter.BooleanMatch;
import dev.citadel.client.vector.VectorFilter.Bounds;
import dev.citadel.client.vector.VectorFilter.IntegerMatch;
import dev.citadel.client.vector.VectorFilter.IsEmpty;
import dev.citadel.client.vector.VectorFilter.Keyword;
import dev.citadel.client.vector.VectorFilter.Not;
import dev.citadel.client.vector.VectorFilter.Or;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;
import org.springframework.ai.vectorstore.filter.FilterExpressionTextParser;

/** Each Spring AI operator's translation, and the refusals. */
class VectorStoreFiltersTest {
  private static final FilterExpressionBuilder F = new FilterExpressionBuilder();

  private static VectorFilter.Condition only(Filter.Expression e) {
    VectorFilter v = VectorStoreFilters.toVectorFilter(e);
    assertThat(v.conditions()).hasSize(1);
    return v.conditions().get(0);
  }

  @Test
  void everyOperatorMapsToItsQdrantCondition() {
    assertThat(only(F.eq("k", "a").build())).isEqualTo(new Keyword("k", "a"));
    assertThat(only(F.eq("k", 3).build())).isEqualTo(new IntegerMatch("k", 3));
    assertThat(only(F.eq("k", true).build())).isEqualTo(new BooleanMatch("k", true));
    assertThat(only(F.eq("k", 1.5).build())).isEqualTo(new Bounds("k", null, 1.5, null, 1.5));
    assertThat(only(F.ne("k", "a").build())).isEqualTo(new Not(new Keyword("k", "a")));
    assertThat(only(F.gt("k", 1).build())).isEqualTo(new Bounds("k", 1.0, null, null, null));
    assertThat(only(F.gte("k", 1).build())).isEqualTo(new Bounds("k", null, 1.0, null, null));
    assertThat(only(F.lt("k", 1).build())).isEqualTo(new Bounds("k", null, null, 1.0, null));
    assertThat(only(F.lte("k", 1).build())).isEqualTo(new Bounds("k", null, null, null, 1.0));
    assertThat(only(F.in("k", "a", "b").build())).isEqualTo(new AnyKeyword("k", List.of("a", "b")));
    assertThat(only(F.in("k", 1, 2L).build())).isEqualTo(new AnyInteger("k", List.of(1L, 2L)));
    assertThat(only(F.nin("k", "a").build())).isEqualTo(new Not(new AnyKeyword("k", List.of("a"))));
    assertThat(only(F.isNull("k").build())).isEqualTo(new IsEmpty("k"));
    assertThat(only(F.isNotNull("k").build())).isEqualTo(new Not(new IsEmpty("k")));
    assertThat(only(F.and(F.eq("a", "x"), F.or(F.eq("b", 1), F.not(F.eq("c", "y")))).build()))
        .isEqualTo(new And(List.of(new Keyword("a", "x"), new Or(List.of(new IntegerMatch("b", 1), new Not(new Keyword("c", "y")))))));
    assertThat(VectorStoreFilters.toVectorFilter(null).isEmpty()).isTrue();
  }

  @Test
  void parsedTextExpressionsMapTooWithGroupsAndQuotedKeys() {
    Filter.Expression e = new FilterExpressionTextParser().parse("\"my key\" == 'v' && (year >= 2020 || year < 1900)");
    assertThat(only(e)).isEqualTo(new And(List.of(new Keyword("my key", "v"),
        new Or(List.of(new Bounds("year", null, 2020.0, null, null), new Bounds("year", null, null, 1900.0, null))))));
  }

  @Test
  void whatQdrantCannotExpressIsRefusedNamingTheFilter() {
    assertThatThrownBy(() -> only(F.gt("k", "b").build()))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("filter"))
        .hasMessageContaining("GT on key 'k' with a String value is not supported");
    assertThatThrownBy(() -> only(new Filter.Expression(Filter.ExpressionType.EQ, new Filter.Key("k"), new Filter.Value(new Object()))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("equality on key 'k' with a Object value");
    assertThatThrownBy(() -> only(new Filter.Expression(Filter.ExpressionType.IN, new Filter.Key("k"), new Filter.Value(List.of()))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("needs a non-empty list");
    assertThatThrownBy(() -> only(new Filter.Expression(Filter.ExpressionType.EQ, new Filter.Value("v"), new Filter.Value("v"))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("needs a key on its left");
  }
}
