package dev.citadel.client.vector.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.vector.SearchRequest;
import io.qdrant.client.grpc.Points.SearchPoints;
import org.junit.jupiter.api.Test;

class QdrantSearchTest {
  @Test
  void theHnswBeamGoesIntoTheSearchParamsOnlyWhenSet() {
    SearchPoints widened = QdrantSearch.searchRequest("docs",
        SearchRequest.builder(new float[] {1, 0}).hnswEf(400).build());
    assertThat(widened.getParams().getHnswEf()).isEqualTo(400);

    SearchPoints plain = QdrantSearch.searchRequest("docs", SearchRequest.of(new float[] {1, 0}));
    assertThat(plain.hasParams()).as("no params: the server's default beam").isFalse();
  }
}
