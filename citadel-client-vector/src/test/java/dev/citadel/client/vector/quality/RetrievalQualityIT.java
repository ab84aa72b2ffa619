package dev.citadel.client.vector.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.db.Database;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.DocumentChunk;
import dev.citadel.client.vector.HybridSearchRequest;
import dev.citadel.client.vector.PointId;
import dev.citadel.client.vector.Query;
import dev.citadel.client.vector.QueryRequest;
import dev.citadel.client.vector.SearchHit;
import dev.citadel.client.vector.SearchRequest;
import dev.citadel.client.vector.SparseModifier;
import dev.citadel.client.vector.SparseTextEncoder;
import dev.citadel.client.vector.VectorPoint;
import dev.citadel.client.vector.support.VectorTestConfigs;
import dev.citadel.client.vector.sync.HybridTextRequest;
import dev.citadel.client.vector.sync.TextSearchRequest;
import dev.citadel.client.vector.sync.VectorSync;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retrieval quality on a small labelled set (test resources {@code retrieval/}: 74 short
 * passages and 38 queries with their relevant passages, written for this test, CC0), embedded with
 * the in-jar ONNX model all-MiniLM-L6-v2 (quantized, 384-d). Recall@5 of dense (Qdrant), sparse
 * BM25 (Qdrant, {@link SparseTextEncoder} with the IDF modifier), PostgreSQL full text, and the
 * two hybrids (dense + sparse fused by Qdrant; dense + full text fused on the client), printed
 * side by side with MRR@5. Only robust properties are asserted: every method finds something, and each
 * hybrid is not worse than the better of its two sources by more than one query's worth.
 */
@ExtendWith(CitadelTestKitExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetrievalQualityIT {
  private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
  private static final int K = 5;

  record Labelled(String id, String text, Set<String> relevant) {}

  private Database db;
  private CitadelVectors vectors;
  private VectorSync sync;
  private final String synced = "quality_pg_" + RUN;
  private final String qdrantOnly = "quality_qdrant_" + RUN;
  private final Map<String, String> passages = new LinkedHashMap<>();
  private final List<Labelled> queries = new ArrayList<>();
  private final Map<String, float[]> queryVectors = new LinkedHashMap<>();
  private SparseTextEncoder bm25;

  @BeforeAll
  void load(TestDatabase database) throws IOException {
    read("retrieval/passages.tsv", f -> passages.put(f[0], f[1]));
    read("retrieval/queries.tsv", f -> queries.add(new Labelled(f[0], f[2], Set.of(f[1].split(",")))));
    EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    List<String> ids = new ArrayList<>(passages.keySet());
    List<float[]> embedded = model.embedAll(ids.stream().map(id -> TextSegment.from(passages.get(id))).toList())
        .content().stream().map(e -> e.vector()).toList();
    List<float[]> queryEmbedded = model.embedAll(queries.stream().map(q -> TextSegment.from(q.text())).toList())
        .content().stream().map(e -> e.vector()).toList();
    for (int i = 0; i < queries.size(); i++) {
      queryVectors.put(queries.get(i).id(), queryEmbedded.get(i));
    }
    int dims = embedded.get(0).length;
    double avgLength = passages.values().stream().mapToInt(t -> SparseTextEncoder.bm25().tokens(t).size())
        .average().orElseThrow();
    bm25 = SparseTextEncoder.bm25(SparseTextEncoder.DEFAULT_K1, SparseTextEncoder.DEFAULT_B, avgLength);

    var config = VectorTestConfigs.citadel(database, VectorTestConfigs.qdrant(CitadelTestKit.qdrant()).build());
    db = Database.create(config);
    db.migrate();
    vectors = CitadelVectors.create(config);
    sync = VectorSync.create(db, vectors);

    // PostgreSQL (full text) and Qdrant (dense) through the sync
    sync.registerCollection(CollectionSpec.builder(synced, dims).build());
    for (int i = 0; i < ids.size(); i++) {
      UUID file = UUID.nameUUIDFromBytes(ids.get(i).getBytes(StandardCharsets.UTF_8));
      sync.writeDocument(synced, file, List.of(DocumentChunk.builder(file, 0).content(passages.get(ids.get(i)))
          .extra("passage", ids.get(i)).vector(embedded.get(i)).build()));
    }
    sync.drain();
    // Qdrant alone: the same dense vectors and BM25 sparse vectors
    vectors.ensure(CollectionSpec.builder(qdrantOnly, dims).sparseVector("text", SparseModifier.IDF).build());
    List<VectorPoint> points = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      points.add(new VectorPoint(PointId.of(i + 1), embedded.get(i), Map.of("passage", ids.get(i)))
          .withSparse("text", bm25.document(passages.get(ids.get(i)))));
    }
    vectors.upsert(qdrantOnly, points);
  }

  @AfterAll
  void stop() throws Exception {
    if (vectors != null) {
      vectors.rawClient().deleteCollectionAsync(qdrantOnly).get(10, TimeUnit.SECONDS);
      vectors.close();
    }
    if (db != null) {
      db.close();
    }
  }

  private void read(String resource, java.util.function.Consumer<String[]> row) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        getClass().getClassLoader().getResourceAsStream(resource), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          row.accept(line.split("\t"));
        }
      }
    }
  }

  @Test
  void recallAtFiveOfDenseSparseFullTextAndHybridSideBySide() {
    Map<String, BiFunction<Labelled, float[], List<SearchHit>>> methods = new LinkedHashMap<>();
    methods.put("dense (Qdrant)", (q, v) -> vectors.search(synced, SearchRequest.builder(v).limit(K).build()));
    methods.put("sparse BM25 (Qdrant)", (q, v) -> vectors.query(qdrantOnly,
        QueryRequest.builder(Query.nearest(bm25.query(q.text()))).using("text").limit(K).build()));
    methods.put("full text (PostgreSQL)", (q, v) -> sync.searchText(synced, TextSearchRequest.builder(q.text())
        .limit(K).build()));
    methods.put("hybrid dense+sparse (Qdrant RRF)", (q, v) -> vectors.hybridSearch(qdrantOnly,
        HybridSearchRequest.builder(q.text(), v).encoder(bm25).limit(K).build()));
    methods.put("hybrid dense+full text (client RRF)", (q, v) -> sync.hybridSearch(synced,
        HybridTextRequest.builder(q.text(), v).limit(K).build()));

    Map<String, Double> recall = new LinkedHashMap<>();
    Map<String, Double> mrr = new LinkedHashMap<>();
    StringBuilder misses = new StringBuilder();
    for (var method : methods.entrySet()) {
      double sum = 0;
      double reciprocal = 0;
      for (Labelled q : queries) {
        List<String> found = method.getValue().apply(q, queryVectors.get(q.id())).stream()
            .map(h -> (String) h.payload().get("passage")).toList();
        long hit = q.relevant().stream().filter(found::contains).count();
        sum += (double) hit / q.relevant().size();
        for (int rank = 0; rank < found.size(); rank++) {
          if (q.relevant().contains(found.get(rank))) {
            reciprocal += 1.0 / (rank + 1);
            break;
          }
        }
        if (hit < q.relevant().size()) {
          misses.append(String.format("  %-36s %s \"%s\": found %s%n", method.getKey(), q.id(), q.text(), found));
        }
      }
      recall.put(method.getKey(), sum / queries.size());
      mrr.put(method.getKey(), reciprocal / queries.size());
    }

    StringBuilder table = new StringBuilder(String.format("%n%d queries, %d passages (all-MiniLM-L6-v2 quantized,"
        + " 384-d)%n  %-36s recall@%d  MRR@%d%n", queries.size(), passages.size(), "method", K, K));
    recall.forEach((m, r) -> table.append(String.format("  %-36s %.3f     %.3f%n", m, r, mrr.get(m))));
    System.out.println(table + "misses:\n" + misses);

    double oneQuery = 1.0 / queries.size();
    recall.forEach((m, r) -> assertThat(r).as(m).isGreaterThan(0.4));
    double dense = recall.get("dense (Qdrant)");
    assertThat(recall.get("hybrid dense+sparse (Qdrant RRF)")).as("Qdrant hybrid vs its sources")
        .isGreaterThanOrEqualTo(Math.max(dense, recall.get("sparse BM25 (Qdrant)")) - oneQuery - 1e-9);
    assertThat(recall.get("hybrid dense+full text (client RRF)")).as("PostgreSQL hybrid vs its sources")
        .isGreaterThanOrEqualTo(Math.max(dense, recall.get("full text (PostgreSQL)")) - oneQuery - 1e-9);
  }
}
