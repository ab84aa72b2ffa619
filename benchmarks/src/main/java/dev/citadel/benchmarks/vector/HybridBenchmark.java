package dev.citadel.benchmarks.vector;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.TestConfig;
import dev.citadel.client.testkit.TestDatabase;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.DocumentChunk;
import dev.citadel.client.vector.HybridSearchRequest;
import dev.citadel.client.vector.PointId;
import dev.citadel.client.vector.SparseModifier;
import dev.citadel.client.vector.SparseTextEncoder;
import dev.citadel.client.vector.VectorPoint;
import dev.citadel.client.vector.sync.HybridTextRequest;
import dev.citadel.client.vector.sync.TextMatch;
import dev.citadel.client.vector.sync.TextSearchRequest;
import dev.citadel.client.vector.sync.VectorSync;
import dev.citadel.qdrant.local.QdrantLocalServer;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.postgresql.PGConnection;

/**
 * Full-text and hybrid search latency over N chunks (default 100,000; seed 004's full-text
 * target: p99 under 100 ms), in one JVM with the test kit's PostgreSQL and the local Qdrant
 * server:
 *
 * <ol>
 *   <li>PostgreSQL full text ({@code VectorSync.searchText}, top 10), any-word and web-search
 *       queries of 2 to 4 words;</li>
 *   <li>hybrid PostgreSQL full text + Qdrant dense ({@code VectorSync.hybridSearch}, top 10 of
 *       40 candidates each, client-side RRF);</li>
 *   <li>hybrid Qdrant dense + BM25 sparse ({@code CitadelVectors.hybridSearch}, fused in Qdrant).</li>
 * </ol>
 *
 * <p>Chunks are 120 words drawn from a Zipf-distributed vocabulary of 20,000 words, the 40 most
 * frequent being English function words (stop words to PostgreSQL and the encoder) and the rest
 * made up (seeded, so every run sees the same corpus); queries are 2 to 4 words from the same
 * distribution. Chunks are written as {@code VectorSync.writeDocument} writes them (20 chunks per
 * document; by COPY in transactions of 250 documents unless the fourth argument is {@code write},
 * which calls {@code writeDocument} itself) and relayed to Qdrant; the same dense vectors and BM25 sparse vectors
 * are upserted into a second collection for the Qdrant hybrid. Queries are sequential; the
 * printed lines give p50 / p95 / p99 / max in milliseconds.
 *
 * <p>Arguments: chunks (default 100000), queries per measure (default 500), dense dimensions
 * (default 384), loading ({@code copy}, the default, or {@code write}).
 */
public final class HybridBenchmark {
  private static final int VOCABULARY = 20_000;
  private static final int WORDS_PER_CHUNK = 120;
  private static final int CHUNKS_PER_DOCUMENT = 20;
  private static final int COPY_DOCUMENTS = 250;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String[] FUNCTION_WORDS = {"the", "of", "and", "to", "a", "in", "is", "it", "that", "was",
      "for", "on", "are", "with", "as", "at", "be", "this", "by", "from", "or", "an", "but", "not", "they", "which",
      "have", "has", "had", "were", "their", "there", "been", "if", "into", "will", "no", "its", "then", "these"};

  private HybridBenchmark() {}

  public static void main(String[] args) throws Exception {
    int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int queries = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int dims = args.length > 2 ? Integer.parseInt(args[2]) : 384;
    boolean bulk = args.length <= 3 || !"write".equals(args[3]);
    System.out.printf(Locale.ROOT, "hybrid benchmark: %d chunks, %d queries per measure, %d-d dense, %d cores,"
        + " loaded by %s%n", chunks, queries, dims, Runtime.getRuntime().availableProcessors(),
        bulk ? "COPY" : "writeDocument");
    String[] words = vocabulary();
    double[] zipf = zipfCumulative(VOCABULARY);

    try (QdrantLocalServer qdrant = QdrantLocalServer.start(0);
        TestDatabase testDb = CitadelTestKit.postgres().createDatabase()) {
      CitadelConfig config = CitadelConfig.fromValues(TestConfig.of(testDb, CitadelTestKit.qdrant(qdrant))
          .with("client.name", "bench").with("qdrant.call_timeout", "60s").with("database.statement_timeout", "120s")
          .with("database.pool.min_connections", 2).with("database.pool.max_connections", 4).values());
      try (Database db = Database.create(config); CitadelVectors vectors = CitadelVectors.create(config)) {
        db.migrate();
        String schema = "\"" + config.database().metadataSchema() + "\".";
        VectorSync sync = VectorSync.create(db, vectors);
        sync.registerCollection(CollectionSpec.builder("bench_chunks", dims).build());
        vectors.ensure(CollectionSpec.builder("bench_hybrid", dims).sparseVector("text", SparseModifier.IDF).build());
        SparseTextEncoder bm25 = SparseTextEncoder.bm25(SparseTextEncoder.DEFAULT_K1, SparseTextEncoder.DEFAULT_B,
            WORDS_PER_CHUNK);

        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(42);
        UUID collectionId = db.queryOne("SELECT id FROM " + schema + "collections WHERE name = 'bench_chunks'",
            RowMapper.column(UUID.class));
        List<List<DocumentChunk>> pending = new ArrayList<>();
        for (int doc = 0; doc * CHUNKS_PER_DOCUMENT < chunks; doc++) {
          UUID file = new UUID(42, doc);
          List<DocumentChunk> batch = new ArrayList<>();
          List<VectorPoint> points = new ArrayList<>();
          for (int i = 0; i < CHUNKS_PER_DOCUMENT && doc * CHUNKS_PER_DOCUMENT + i < chunks; i++) {
            String text = text(random, words, zipf, WORDS_PER_CHUNK);
            float[] v = vector(random, dims);
            batch.add(DocumentChunk.builder(file, i).content(text).fileType(i % 2 == 0 ? "pdf" : "html").vector(v)
                .build());
            points.add(new VectorPoint(PointId.of(doc * CHUNKS_PER_DOCUMENT + i + 1L), v, Map.of())
                .withSparse("text", bm25.document(text)));
          }
          if (bulk) {
            pending.add(batch);
            if (pending.size() == COPY_DOCUMENTS) {
              copy(db, schema, collectionId, pending);
              pending.clear();
            }
          } else {
            sync.writeDocument("bench_chunks", file, batch);
          }
          vectors.upsert("bench_hybrid", points);
        }
        if (!pending.isEmpty()) {
          copy(db, schema, collectionId, pending);
        }
        System.out.printf(Locale.ROOT, "loaded %d chunks into PostgreSQL and Qdrant in %.1f s%n", chunks,
            (System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        sync.drain();
        System.out.printf(Locale.ROOT, "relayed to Qdrant in %.1f s%n", (System.nanoTime() - start) / 1e9);
        // What autovacuum does after a bulk load: statistics, and the GIN index's pending list merged
        // (every search would otherwise scan that list).
        db.update("VACUUM ANALYZE " + schema + "vector_metadata");

        SplittableRandom q = new SplittableRandom(7);
        String[] texts = new String[queries];
        float[][] dense = new float[queries][];
        for (int i = 0; i < queries; i++) {
          texts[i] = text(q, words, zipf, 2 + q.nextInt(3));
          dense[i] = vector(q, dims);
        }
        measure("full text, any word (PostgreSQL)", queries, i -> sync.searchText("bench_chunks",
            TextSearchRequest.builder(texts[i]).limit(10).build()));
        measure("full text, web search (PostgreSQL)", queries, i -> sync.searchText("bench_chunks",
            TextSearchRequest.builder(texts[i]).limit(10).match(TextMatch.WEBSEARCH).build()));
        measure("hybrid full text + dense (client RRF)", queries, i -> sync.hybridSearch("bench_chunks",
            HybridTextRequest.builder(texts[i], dense[i]).limit(10).candidates(40).build()));
        measure("hybrid dense + sparse (Qdrant RRF)", queries, i -> vectors.hybridSearch("bench_hybrid",
            HybridSearchRequest.builder(texts[i], dense[i]).encoder(bm25).limit(10).candidates(40).build()));
      }
    }
  }

  /**
   * Writes documents' chunks as {@code VectorSync.writeDocument} does, in bulk: one transaction,
   * the rows by COPY into {@code vector_metadata} (same columns and values: content hash, payload
   * JSON, vector) and one outbox record per document, the transaction marked as the sync's own so
   * the bypass trigger queues nothing per row. The relay then pushes them to Qdrant as usual.
   */
  private static void copy(Database db, String schema, UUID collectionId, List<List<DocumentChunk>> documents)
      throws Exception {
    StringBuilder rows = new StringBuilder();
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    for (List<DocumentChunk> document : documents) {
      for (DocumentChunk c : document) {
        StringBuilder vector = new StringBuilder("{");
        for (float f : c.vector()) {
          vector.append(vector.length() > 1 ? "," : "").append(f);
        }
        rows.append(collectionId).append('\t').append(c.pointId().uuid()).append('\t').append(c.fileId()).append('\t')
            .append(c.chunkIndex()).append('\t')
            .append(HexFormat.of().formatHex(sha256.digest(c.content().getBytes(StandardCharsets.UTF_8)))).append('\t')
            .append(copyText(JSON.writeValueAsString(c.payload()))).append('\t').append(vector).append("}\n");
      }
    }
    try (Connection connection = db.connection(db.endpoint())) {
      connection.setAutoCommit(false);
      try (var marked = connection.prepareStatement("SELECT set_config('citadel.vector_sync_queued', 'on', true)")) {
        marked.execute();
      }
      connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + schema + "vector_metadata"
          + " (collection_id, point_id, document_id, chunk_index, content_hash, payload, embedding) FROM STDIN",
          new StringReader(rows.toString()));
      try (var outbox = connection.prepareStatement("INSERT INTO " + schema + "vector_outbox"
          + " (collection_id, operation, document_id, point_ids) VALUES (?, 'upsert', ?, ?)")) {
        for (List<DocumentChunk> document : documents) {
          outbox.setObject(1, collectionId);
          outbox.setString(2, document.get(0).fileId().toString());
          outbox.setArray(3, connection.createArrayOf("uuid",
              document.stream().map(c -> c.pointId().uuid()).toArray()));
          outbox.addBatch();
        }
        outbox.executeBatch();
      }
      connection.commit();
    }
  }

  /** A value in COPY's text format. */
  private static String copyText(String value) {
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static void measure(String what, int queries, IntConsumer query) {
    for (int i = 0; i < Math.min(50, queries); i++) {
      query.accept(i);
    }
    long[] nanos = new long[queries];
    for (int i = 0; i < queries; i++) {
      long t = System.nanoTime();
      query.accept(i);
      nanos[i] = System.nanoTime() - t;
    }
    Arrays.sort(nanos);
    System.out.printf(Locale.ROOT, "%-40s p50 %7.2f  p95 %7.2f  p99 %7.2f  max %7.2f ms%n", what,
        nanos[queries / 2] / 1e6, nanos[(int) (queries * 0.95)] / 1e6, nanos[(int) (queries * 0.99)] / 1e6,
        nanos[queries - 1] / 1e6);
  }

  /**
   * The most frequent ranks are English function words (as in real text, where PostgreSQL's and
   * the encoder's stop-word lists drop them); the rest are made-up lower-case words of 5 to 9
   * letters from consonant-vowel syllables.
   */
  private static String[] vocabulary() {
    SplittableRandom r = new SplittableRandom(1);
    String consonants = "bcdfghjklmnprstvz";
    String vowels = "aeiou";
    String[] out = new String[VOCABULARY];
    java.util.Set<String> seen = new java.util.HashSet<>(List.of(FUNCTION_WORDS));
    System.arraycopy(FUNCTION_WORDS, 0, out, 0, FUNCTION_WORDS.length);
    for (int i = FUNCTION_WORDS.length; i < VOCABULARY; ) {
      StringBuilder w = new StringBuilder();
      int syllables = 2 + r.nextInt(3);
      for (int s = 0; s < syllables; s++) {
        w.append(consonants.charAt(r.nextInt(consonants.length()))).append(vowels.charAt(r.nextInt(vowels.length())));
      }
      w.append(consonants.charAt(r.nextInt(consonants.length())));
      if (seen.add(w.toString())) {
        out[i++] = w.toString();
      }
    }
    return out;
  }

  private static double[] zipfCumulative(int n) {
    double[] c = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += 1.0 / (i + 1);
      c[i] = sum;
    }
    for (int i = 0; i < n; i++) {
      c[i] /= sum;
    }
    return c;
  }

  private static String text(SplittableRandom r, String[] words, double[] zipf, int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int at = Arrays.binarySearch(zipf, r.nextDouble());
      out.append(i == 0 ? "" : " ").append(words[at >= 0 ? at : -at - 1]);
    }
    return out.toString();
  }

  private static float[] vector(SplittableRandom r, int dims) {
    float[] v = new float[dims];
    for (int i = 0; i < dims; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }
}
