package dev.citadel.client.vector.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.vector.PointId;
import dev.citadel.client.vector.SearchHit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Client-side RRF: scores from the formula 1 / (k + rank), ranks 0-based. */
class RankFusionTest {
  private static SearchHit hit(long id, Map<String, Object> payload) {
    return new SearchHit(PointId.of(id), 0.5f, payload, null);
  }

  @Test
  void scoresAreSumsOfReciprocalRanksAndTiesKeepFirstSeenOrder() {
    List<SearchHit> a = List.of(hit(1, Map.of()), hit(2, Map.of()), hit(3, Map.of()));
    List<SearchHit> b = List.of(hit(3, Map.of("from", "b")), hit(1, Map.of()), hit(4, Map.of()));
    List<SearchHit> fused = RankFusion.rrf(List.of(a, b), 2, 10);

    // k = 2: 1 -> 1/2 + 1/3; 3 -> 1/4 + 1/2; 2 -> 1/3; 4 -> 1/4
    assertThat(fused).extracting(h -> h.id().number()).containsExactly(1L, 3L, 2L, 4L);
    assertThat(fused.get(0).score()).isEqualTo((float) (1 / 2.0 + 1 / 3.0));
    assertThat(fused.get(1).score()).isEqualTo((float) (1 / 4.0 + 1 / 2.0));
    assertThat(fused.get(1).payload()).as("the first non-empty payload").containsEntry("from", "b");

    assertThat(RankFusion.rrf(List.of(a, b), 60, 2)).extracting(h -> h.id().number()).containsExactly(1L, 3L);
    // a tie (2 and 4 at rank 1 and 2 of different lists with k = 0: 1/1 vs 1/1) keeps first-seen order
    assertThat(RankFusion.rrf(List.of(List.of(hit(2, Map.of())), List.of(hit(4, Map.of()))), 0, 10))
        .extracting(h -> h.id().number()).containsExactly(2L, 4L);
  }
}
