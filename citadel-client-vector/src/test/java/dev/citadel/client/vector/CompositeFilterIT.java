package dev.citadel.client.vector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.vector.VectorFilter.And;
import dev.citadel.client.vector.VectorFilter.AnyInteger;
import dev.citadel.client.vector.VectorFilter.Bounds;
import dev.citadel.client.vector.VectorFilter.Condition;
import dev.citadel.client.vector.VectorFilter.IsEmpty;
import dev.citadel.client.vector.VectorFilter.Keyword;
import dev.citadel.client.vector.VectorFilter.Not;
import dev.citadel.client.vector.VectorFilter.Or;
import dev.citadel.client.vector.VectorFilter.Text;
import dev.citadel.client.vector.support.VectorTestConfigs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The composite and adapter conditions of {@link VectorFilter} (Not, Or, And, Bounds,
 * AnyInteger, Text, IsEmpty) against the test kit's Qdrant, through search, count and delete.
 * Expected ids are read off the five payloads by hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompositeFilterIT {
  private final String name = "it_composite_" + Long.toString(System.currentTimeMillis(), 36);
  private CitadelVectors vectors;

  @BeforeAll
  void start() {
    vectors = CitadelVectors.create(VectorTestConfigs.vectors(VectorTestConfigs.qdrant(CitadelTestKit.qdrant()).build()));
    vectors.ensure(CollectionSpec.builder(name, 2).build());
    vectors.upsert(name, List.of(
        point(1, Map.of("city", "Berlin", "n", 1, "score", 0.5, "tags", List.of("a", "b"))),
        point(2, Map.of("city", "Bern", "n", 2, "score", 1.5)),
        point(3, Map.of("city", "London", "n", 3, "score", 2.5, "tags", List.of())),
        point(4, Map.of("city", "Paris", "n", 4)),
        point(5, Map.of())));
  }

  @AfterAll
  void stop() {
    vectors.drop(name);
    vectors.close();
  }

  private static VectorPoint point(long id, Map<String, Object> payload) {
    return new VectorPoint(PointId.of(id), new float[] {1, id}, payload);
  }

  private List<Long> matching(Condition c) {
    VectorFilter filter = VectorFilter.builder().condition(c).build();
    List<Long> ids = new ArrayList<>();
    vectors.search(name, SearchRequest.builder(new float[] {1, 1}).limit(10).filter(filter).build())
        .forEach(h -> ids.add(h.id().number()));
    assertThat(vectors.count(name, filter)).as("count agrees with search for " + c).isEqualTo(ids.size());
    return ids.stream().sorted().toList();
  }

  @Test
  void negationIncludesPointsWithoutTheField() {
    assertThat(matching(new Not(new Keyword("city", "Berlin")))).containsExactly(2L, 3L, 4L, 5L);
  }

  @Test
  void orAndAndNest() {
    assertThat(matching(new Or(List.of(new Keyword("city", "Paris"), new Bounds("n", null, null, 2.0, null)))))
        .containsExactly(1L, 4L);
    assertThat(matching(new And(List.of(new Bounds("n", null, 2.0, null, null), new Not(new Keyword("city", "Paris"))))))
        .containsExactly(2L, 3L);
    assertThat(matching(new Not(new Or(List.of(new Keyword("city", "Bern"), new IsEmpty("city"))))))
        .containsExactly(1L, 3L, 4L);
  }

  @Test
  void boundsAreExclusiveOrInclusiveAndCoverIntegersAndDoubles() {
    assertThat(matching(new Bounds("n", 2.0, null, null, null))).containsExactly(3L, 4L);
    assertThat(matching(new Bounds("n", null, 2.0, null, 3.0))).containsExactly(2L, 3L);
    assertThat(matching(new Bounds("score", null, 1.5, null, 1.5))).containsExactly(2L);
    assertThat(matching(new Bounds("score", 0.5, null, 2.5, null))).containsExactly(2L);
  }

  @Test
  void anyIntegerTextAndIsEmpty() {
    assertThat(matching(new AnyInteger("n", List.of(1L, 4L, 9L)))).containsExactly(1L, 4L);
    assertThat(matching(new Text("city", "er"))).as("substring, case-sensitive").containsExactly(1L, 2L);
    assertThat(matching(new Text("city", "ber"))).isEmpty();
    assertThat(matching(new IsEmpty("tags"))).as("missing or empty list").containsExactly(2L, 3L, 4L, 5L);
  }

  @Test
  void deleteMatchingTakesCompositeFilters() {
    String other = name + "_delete";
    vectors.ensure(CollectionSpec.builder(other, 2).build());
    try {
      vectors.upsert(other, List.of(point(1, Map.of("n", 1)), point(2, Map.of("n", 2)), point(3, Map.of())));
      vectors.deleteMatching(other, VectorFilter.builder().condition(new Not(new Keyword("x", "never"))).build());
      assertThat(vectors.count(other, VectorFilter.none())).as("Not of an absent field matches every point").isZero();
    } finally {
      vectors.drop(other);
    }
  }
}
