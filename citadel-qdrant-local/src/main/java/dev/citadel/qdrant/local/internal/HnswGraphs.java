package dev.citadel.qdrant.local.internal;

import io.qdrant.client.grpc.Collections.Distance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.InitializedHnswGraphBuilder;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * An HNSW graph (Lucene's {@code org.apache.lucene.util.hnsw}) over a snapshot of one dense
 * vector's points: graph node {@code ord} is the vector array {@code vectors[ord]} of the point
 * in {@code slots[ord]}. Immutable once built; searched concurrently (Lucene's on-heap searcher
 * reads neighbour arrays without the graph's cursor). A node whose point has since been updated
 * or deleted (the slot no longer holds the same array) is a tombstone: still traversed, never
 * returned.
 */
final class HnswGraphs {
  /** Fixed, so a collection built twice from the same points gets the same graph. */
  private static final long SEED = 42;

  /** A built graph and its node-to-point mapping. */
  record Graph(OnHeapHnswGraph graph, int[] slots, float[][] vectors, int size, int[] ordBySlot) {
    /** The node of {@code slot}, or -1. */
    int ordOf(int slot) {
      return slot < ordBySlot.length ? ordBySlot[slot] : -1;
    }
  }

  private HnswGraphs() {}

  /**
   * Builds a graph over {@code vectors[0..size)} with {@code workers} threads of {@code pool}
   * (Lucene's concurrent builder), extending {@code previous} when given: its nodes keep their
   * ords and edges and only the nodes after them are inserted.
   */
  static Graph build(Distance distance, int m, int efConstruct, int[] slots, float[][] vectors, int size,
      Graph previous, ExecutorService pool, int workers) {
    try {
      RandomVectorScorerSupplier supplier = new Supplier(distance, vectors, size);
      OnHeapHnswGraph graph;
      if (previous == null) {
        HnswGraphBuilder builder = HnswGraphBuilder.create(supplier, m, efConstruct, SEED, size);
        graph = workers > 1
            ? new HnswConcurrentMergeBuilder(new TaskExecutor(pool), workers, supplier, m, efConstruct,
                builder.getGraph(), null).build(size)
            : builder.build(size);
      } else {
        int[] identity = new int[previous.size()];
        for (int i = 0; i < identity.length; i++) {
          identity[i] = i;
        }
        OnHeapHnswGraph initial = InitializedHnswGraphBuilder.initGraph(m, previous.graph(), identity, size);
        FixedBitSet initialized = new FixedBitSet(size);
        initialized.set(0, previous.size());
        graph = new HnswConcurrentMergeBuilder(new TaskExecutor(pool), Math.max(1, workers), supplier, m,
            efConstruct, initial, initialized).build(size);
      }
      int maxSlot = 0;
      for (int i = 0; i < size; i++) {
        maxSlot = Math.max(maxSlot, slots[i]);
      }
      int[] ordBySlot = new int[maxSlot + 1];
      java.util.Arrays.fill(ordBySlot, -1);
      for (int i = 0; i < size; i++) {
        ordBySlot[slots[i]] = i;
      }
      return new Graph(graph, slots, vectors, size, ordBySlot);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The best {@code ef} accepted nodes for {@code query}, as Lucene ranks them. */
  static ScoreDoc[] search(Graph g, Distance distance, float[] query, int ef, Bits accept) {
    try {
      KnnCollector collector = HnswGraphSearcher.search(new QueryScorer(distance, query, g.vectors(), g.size()), ef,
          g.graph(), accept, Integer.MAX_VALUE);
      return collector.topDocs().scoreDocs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The graph's score: a positive, increasing function of the similarity (Lucene's graph code
   * compares scores only, but its own similarities are all non-negative, so ours are too).
   */
  static float graphScore(Distance distance, float similarity) {
    return switch (distance) {
      case Cosine -> Math.max(0f, (1 + similarity) / 2);
      case Dot -> VectorUtil.scaleMaxInnerProductScore(similarity);
      default -> 1 / (1 - similarity); // similarity = minus a distance
    };
  }

  private record QueryScorer(Distance distance, float[] query, float[][] vectors, int size)
      implements RandomVectorScorer {
    @Override
    public float score(int node) {
      return graphScore(distance, VectorMath.similarity(distance, query, vectors[node]));
    }

    @Override
    public int maxOrd() {
      return size;
    }
  }

  /** Scorers between graph nodes; stateless, so copies are the same object. */
  private record Supplier(Distance distance, float[][] vectors, int size) implements RandomVectorScorerSupplier {
    @Override
    public RandomVectorScorer scorer(int ord) {
      return new QueryScorer(distance, vectors[ord], vectors, size);
    }

    @Override
    public RandomVectorScorerSupplier copy() {
      return this;
    }
  }
}
