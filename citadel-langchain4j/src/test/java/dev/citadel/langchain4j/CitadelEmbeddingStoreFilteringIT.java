package dev.citadel.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.testkit.QdrantServer;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.langchain4j.support.QdrantTargets;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithFilteringIT;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.logical.And;
import dev.langchain4j.store.embedding.filter.logical.Not;
import dev.langchain4j.store.embedding.filter.logical.Or;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LangChain4j's own conformance suite {@link EmbeddingStoreWithFilteringIT} (with
 * {@code EmbeddingStoreIT} and {@code EmbeddingStoreWithoutMetadataIT} it extends) against the
 * local Qdrant server, with the in-jar ONNX model. {@link RealQdrantEmbeddingStoreFilteringIT}
 * runs the same against a real Qdrant.
 *
 * <p>Extended as the suite intends: {@code supportsContains} is true (Qdrant's text match on a
 * field without a full-text index is a substring match), {@code clearStore} empties the
 * collection. One narrowing, with its reason: the cases of {@code should_filter_by_metadata} that
 * order-compare strings ({@code isGreaterThan("b")} and the like) are left out, because Qdrant's
 * range conditions compare numbers and datetimes only; the store refuses them with an
 * {@link InvalidArgumentException}, which {@link #orderComparisonsOfStringsAreRefusedNotIgnored}
 * checks. Every other case of the suite runs.
 */
class CitadelEmbeddingStoreFilteringIT extends EmbeddingStoreWithFilteringIT {
  private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
  private static CitadelVectors vectors;
  private static CitadelEmbeddingStore store;

  /** The Qdrant this class runs against. */
  protected QdrantServer target() {
    return QdrantTargets.local();
  }

  @Override
  protected EmbeddingStore<TextSegment> embeddingStore() {
    if (store == null) {
      vectors = QdrantTargets.vectors(target());
      store = CitadelEmbeddingStore.builder(vectors)
          .collection("lc4j_filtering_" + getClass().getSimpleName().toLowerCase() + "_" + RUN, QdrantTargets.DIMENSION)
          .build();
    }
    return store;
  }

  @AfterAll
  static void closeClient() {
    if (vectors != null) {
      vectors.drop(store.collection().name());
      vectors.close();
      vectors = null;
      store = null;
    }
  }

  @Override
  protected EmbeddingModel embeddingModel() {
    return QdrantTargets.embeddingModel();
  }

  @Override
  protected void clearStore() {
    embeddingStore().removeAll();
  }

  @Override
  protected boolean supportsContains() {
    return true;
  }

  @ParameterizedTest
  @MethodSource("filtersQdrantCanExpress")
  @Override
  protected void should_filter_by_metadata(Filter filter, List<Metadata> matching, List<Metadata> notMatching) {
    super.should_filter_by_metadata(filter, matching, notMatching);
  }

  static Stream<Arguments> filtersQdrantCanExpress() {
    return should_filter_by_metadata().filter(a -> !ordersStrings((Filter) a.get()[0]));
  }

  @Test
  void orderComparisonsOfStringsAreRefusedNotIgnored() {
    List<Filter> refused = should_filter_by_metadata().map(a -> (Filter) a.get()[0])
        .filter(CitadelEmbeddingStoreFilteringIT::ordersStrings).toList();
    assertThat(refused).as("the suite's string order cases").hasSizeGreaterThanOrEqualTo(4);
    for (Filter filter : refused) {
      EmbeddingSearchRequest request = EmbeddingSearchRequest.builder()
          .queryEmbedding(embeddingModel().embed("matching").content()).filter(filter).maxResults(10).build();
      assertThatThrownBy(() -> embeddingStore().search(request)).as(filter.toString())
          .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("filter"))
          .hasMessageContaining("is not supported");
    }
    assertThatThrownBy(() -> embeddingStore().removeAll(metadataKey("key").isLessThan("b")))
        .isInstanceOf(InvalidArgumentException.class);
  }

  private static boolean ordersStrings(Filter f) {
    if (f instanceof IsGreaterThan x) {
      return x.comparisonValue() instanceof String;
    }
    if (f instanceof IsGreaterThanOrEqualTo x) {
      return x.comparisonValue() instanceof String;
    }
    if (f instanceof IsLessThan x) {
      return x.comparisonValue() instanceof String;
    }
    if (f instanceof IsLessThanOrEqualTo x) {
      return x.comparisonValue() instanceof String;
    }
    if (f instanceof And x) {
      return ordersStrings(x.left()) || ordersStrings(x.right());
    }
    if (f instanceof Or x) {
      return ordersStrings(x.left()) || ordersStrings(x.right());
    }
    if (f instanceof Not x) {
      return ordersStrings(x.expression());
    }
    return false;
  }
}
