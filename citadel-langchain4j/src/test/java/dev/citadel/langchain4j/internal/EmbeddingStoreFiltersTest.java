package dev.citadel.langchain4j.internal;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.vector.VectorFilter;
import dev.citadel.client.vector.VectorFilter.And;
import dev.citadel.client.vector.VectorFilter.AnyInteger;
import dev.citadel.client.vector.VectorFilter.AnyKeyword;
import dev.citadel.client.vector.VectorFilter.Bounds;
import dev.citadel.client.vector.VectorFilter.IntegerMatch;
import dev.citadel.client.vector.VectorFilter.Keyword;
import dev.citadel.client.vector.VectorFilter.Not;
import dev.citadel.client.vector.VectorFilter.Or;
import dev.citadel.client.vector.VectorFilter.Text;
import dev.langchain4j.store.embedding.filter.Filter;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each LangChain4j filter's translation, and the refusals. */
class EmbeddingStoreFiltersTest {

  private static VectorFilter.Condition only(Filter f) {
    VectorFilter v = EmbeddingStoreFilters.toVectorFilter(f);
    assertThat(v.conditions()).hasSize(1);
    return v.conditions().get(0);
  }

  @Test
  void comparisonsMapToTheirQdrantConditions() {
    UUID u = UUID.fromString("0b6e3c1a-2f4d-4e5a-9c7b-1d2e3f4a5b6c");
    assertThat(only(metadataKey("k").isEqualTo("a"))).isEqualTo(new Keyword("k", "a"));
    assertThat(only(metadataKey("k").isEqualTo(u))).isEqualTo(new Keyword("k", u.toString()));
    assertThat(only(metadataKey("k").isEqualTo(7))).isEqualTo(new IntegerMatch("k", 7));
    assertThat(only(metadataKey("k").isEqualTo(1.5f))).isEqualTo(new Bounds("k", null, 1.5, null, 1.5));
    assertThat(only(metadataKey("k").isNotEqualTo(7L))).isEqualTo(new Not(new IntegerMatch("k", 7)));
    assertThat(only(metadataKey("k").isGreaterThan(1))).isEqualTo(new Bounds("k", 1.0, null, null, null));
    assertThat(only(metadataKey("k").isGreaterThanOrEqualTo(1.5d))).isEqualTo(new Bounds("k", null, 1.5, null, null));
    assertThat(only(metadataKey("k").isLessThan(2L))).isEqualTo(new Bounds("k", null, null, 2.0, null));
    assertThat(only(metadataKey("k").isLessThanOrEqualTo(2))).isEqualTo(new Bounds("k", null, null, null, 2.0));
    // IsIn and IsNotIn keep their values in a set: compare in any order
    assertThat(only(metadataKey("k").isIn("a", "b"))).isInstanceOfSatisfying(AnyKeyword.class,
        a -> assertThat(a.values()).containsExactlyInAnyOrder("a", "b"));
    assertThat(only(metadataKey("k").isIn(1, 2))).isInstanceOfSatisfying(AnyInteger.class,
        a -> assertThat(a.values()).containsExactlyInAnyOrder(1L, 2L));
    assertThat(only(metadataKey("k").isNotIn(List.of(1.5, 2.5)))).isInstanceOfSatisfying(Not.class,
        n -> assertThat(((Or) n.condition()).conditions()).containsExactlyInAnyOrder(
            new Bounds("k", null, 1.5, null, 1.5), new Bounds("k", null, 2.5, null, 2.5)));
    assertThat(only(metadataKey("k").containsString("x"))).isEqualTo(new Text("k", "x"));
  }

  @Test
  void logicalFiltersNest() {
    Filter f = metadataKey("a").isEqualTo("x").and(metadataKey("b").isEqualTo(1).or(Filter.not(metadataKey("c").isEqualTo("y"))));
    assertThat(only(f)).isEqualTo(new And(List.of(new Keyword("a", "x"),
        new Or(List.of(new IntegerMatch("b", 1), new Not(new Keyword("c", "y")))))));
    assertThat(EmbeddingStoreFilters.toVectorFilter(null).isEmpty()).isTrue();
  }

  @Test
  void whatQdrantCannotExpressIsRefusedNamingTheFilter() {
    assertThatThrownBy(() -> only(metadataKey("k").isGreaterThan("b")))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("filter"))
        .hasMessageContaining("IsGreaterThan on key 'k' with a String value is not supported");
    assertThatThrownBy(() -> only(metadataKey("k").isLessThanOrEqualTo("b"))).isInstanceOf(InvalidArgumentException.class);
    Filter custom = object -> true;
    assertThatThrownBy(() -> only(metadataKey("k").isEqualTo("a").and(custom)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("filter type")
        .hasMessageContaining("is not supported by the Citadel embedding store");
  }
}
