package dev.citadel.client.vector.internal;

import dev.citadel.client.vector.PointId;
import dev.citadel.client.vector.SearchHit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal Rank Fusion of ranked hit lists computed on the client, for sources Qdrant cannot
 * fuse itself (PostgreSQL full text with Qdrant's dense hits). The formula is Qdrant's RRF:
 * a hit at 0-based rank r of a list adds 1 / (k + r) to its score, so fused scores read the same
 * as those of Qdrant's own {@code rrf} fusion of the same ranks. The one fusion on the client;
 * Qdrant's Query API fuses server-side.
 */
public final class RankFusion {
  private RankFusion() {}

  /**
   * The fused hits, best first, at most {@code limit}. Ties keep the order in which ids were first
   * seen (lists in the order given). Each hit carries the payload and vector of its first
   * occurrence with a non-empty payload.
   */
  public static List<SearchHit> rrf(List<List<SearchHit>> lists, int k, int limit) {
    Map<PointId, double[]> scores = new LinkedHashMap<>();
    Map<PointId, SearchHit> firstSeen = new LinkedHashMap<>();
    for (List<SearchHit> list : lists) {
      for (int rank = 0; rank < list.size(); rank++) {
        SearchHit hit = list.get(rank);
        scores.computeIfAbsent(hit.id(), id -> new double[1])[0] += 1.0 / (k + rank);
        SearchHit known = firstSeen.get(hit.id());
        if (known == null || (known.payload().isEmpty() && !hit.payload().isEmpty())) {
          firstSeen.put(hit.id(), hit);
        }
      }
    }
    List<SearchHit> fused = new ArrayList<>(scores.size());
    scores.forEach((id, score) -> {
      SearchHit source = firstSeen.get(id);
      fused.add(new SearchHit(id, (float) score[0], source.payload(), source.vector()));
    });
    // Stable sort: equal scores keep first-seen order.
    fused.sort(Comparator.comparingDouble((SearchHit h) -> h.score()).reversed());
    return fused.size() > limit ? List.copyOf(fused.subList(0, limit)) : List.copyOf(fused);
  }
}
