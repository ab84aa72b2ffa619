package dev.citadel.client.vector.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.ConfigException;
import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.Distance;
import dev.citadel.client.vector.DocumentChunk;
import dev.citadel.client.vector.PointId;
import dev.citadel.client.vector.SearchHit;
import dev.citadel.client.vector.VectorException;
import dev.citadel.client.vector.VectorFilter;
import dev.citadel.client.vector.support.VectorTestConfigs;
import dev.citadel.client.vector.sync.internal.ChunkTextSearch;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL full text over the chunks the sync keeps (vector migration V3), and its hybrid with
 * Qdrant's dense hits, against the test kit's PostgreSQL and Qdrant. Expected orders follow from
 * the texts by hand (which words each chunk holds, after English stemming) and expected fused
 * scores from RRF's formula with k = 2.
 */
@ExtendWith(CitadelTestKitExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChunkFullTextIT {
  private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
  private static final UUID HANDBOOK = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
  private static final UUID FAQ = UUID.fromString("00000000-0000-0000-0000-0000000000b2");

  private Database db;
  private CitadelVectors vectors;
  private VectorSync sync;
  private CitadelConfig config;
  private String collection;

  @BeforeAll
  void start(TestDatabase database) {
    config = VectorTestConfigs.citadel(database, VectorTestConfigs.qdrant(CitadelTestKit.qdrant()).build());
    db = Database.create(config);
    db.migrate();
    vectors = CitadelVectors.create(config);
    sync = VectorSync.create(db, vectors);
  }

  @AfterAll
  void stop() {
    if (vectors != null) {
      vectors.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @BeforeEach
  void register(TestInfo info) {
    collection = "fts_" + info.getTestMethod().orElseThrow().getName() + "_" + RUN;
    sync.registerCollection(CollectionSpec.builder(collection, 3).distance(Distance.DOT).build());
    // chunk 0: both query words, next to each other; chunk 1: one of them (stemmed); chunk 2: none
    sync.writeDocument(collection, HANDBOOK, List.of(
        chunk(HANDBOOK, 0, "Refund damaged goods within thirty days.", "pdf", List.of("policy"),
            "2026-01-10T00:00:00Z", new float[] {0, 0, 1}),
        chunk(HANDBOOK, 1, "Refunds are paid to the original card.", "pdf", List.of("billing"),
            "2026-02-10T00:00:00Z", new float[] {0, 1, 0}),
        chunk(HANDBOOK, 2, "The office opens at nine in the morning.", "pdf", List.of("office"),
            "2026-03-10T00:00:00Z", new float[] {1, 0, 0})));
    sync.writeDocument(collection, FAQ, List.of(
        chunk(FAQ, 0, "Goods arrived damaged? We replace them, no refund needed.", "html", List.of("policy", "faq"),
            "2026-04-10T00:00:00Z", new float[] {0.5f, 0.5f, 0})));
  }

  private static DocumentChunk chunk(UUID file, int index, String content, String type, List<String> tags,
      String created, float[] vector) {
    return DocumentChunk.builder(file, index).content(content).fileType(type).tags(tags)
        .createdAt(Instant.parse(created)).vector(vector).build();
  }

  private static PointId p(UUID file, int index) {
    return DocumentChunk.pointId(file, index);
  }

  private List<PointId> ids(TextSearchRequest request) {
    return sync.searchText(collection, request).stream().map(SearchHit::id).toList();
  }

  @Test
  void chunksAreRankedByCoverDensityWithEnglishStemmingAndChunksWithoutTheWordsLeftOut() {
    List<SearchHit> hits = sync.searchText(collection, TextSearchRequest.of("refunds for damaged goods"));

    // handbook 0 holds refund, damag, good together; the FAQ chunk holds all three spread out;
    // handbook 1 only "refund" (from "Refunds"); handbook 2 none ("for" is a stop word).
    assertThat(hits).extracting(SearchHit::id).containsExactly(p(HANDBOOK, 0), p(FAQ, 0), p(HANDBOOK, 1));
    assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
    assertThat(hits.get(1).score()).isGreaterThan(hits.get(2).score());
    assertThat(hits.get(2).score()).isPositive();
    assertThat(hits.get(0).payload()).containsEntry("content", "Refund damaged goods within thirty days.")
        .containsEntry("file_id", HANDBOOK.toString()).containsEntry("chunk_index", 0L);
    assertThat(hits.get(0).vector()).isNull();
  }

  @Test
  void websearchSyntaxNeedsEveryWordKeepsPhrasesInOrderAndExcludesNegatedWords() {
    assertThat(ids(TextSearchRequest.builder("refund damaged").match(TextMatch.WEBSEARCH).build()))
        .containsExactlyInAnyOrder(p(HANDBOOK, 0), p(FAQ, 0));
    assertThat(ids(TextSearchRequest.builder("\"damaged goods\"").match(TextMatch.WEBSEARCH).build()))
        .containsExactly(p(HANDBOOK, 0));
    assertThat(ids(TextSearchRequest.builder("refund -replace").match(TextMatch.WEBSEARCH).build()))
        .containsExactlyInAnyOrder(p(HANDBOOK, 0), p(HANDBOOK, 1));
    assertThat(ids(TextSearchRequest.builder("office or card").match(TextMatch.WEBSEARCH).build()))
        .containsExactlyInAnyOrder(p(HANDBOOK, 1), p(HANDBOOK, 2));
    assertThat(ids(TextSearchRequest.of("the of and"))).as("stop words only").isEmpty();
  }

  @Test
  void filtersAreTheVectorSearchFiltersOverThePayload() {
    String words = "refund damaged goods office card";
    assertThat(ids(TextSearchRequest.builder(words).filter(VectorFilter.builder().fileType("html").build()).build()))
        .containsExactly(p(FAQ, 0));
    assertThat(ids(TextSearchRequest.builder(words).filter(VectorFilter.builder().tagsAnyOf("faq", "office").build())
        .build())).containsExactlyInAnyOrder(p(FAQ, 0), p(HANDBOOK, 2));
    assertThat(ids(TextSearchRequest.builder(words).filter(VectorFilter.builder().keyword("tags", "policy").build())
        .build())).containsExactlyInAnyOrder(p(HANDBOOK, 0), p(FAQ, 0));
    assertThat(ids(TextSearchRequest.builder(words).filter(VectorFilter.builder().fileId(HANDBOOK)
        .integer("chunk_index", 1).build()).build())).containsExactly(p(HANDBOOK, 1));
    assertThat(ids(TextSearchRequest.builder(words).filter(VectorFilter.builder()
        .createdBetween(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-04-10T00:00:00Z")).build())
        .build())).as("[from, to)").containsExactlyInAnyOrder(p(HANDBOOK, 1), p(HANDBOOK, 2));
    assertThat(ids(TextSearchRequest.builder(words).filter(VectorFilter.builder().range("chunk_index", 1.0, 2.0)
        .build()).build())).containsExactlyInAnyOrder(p(HANDBOOK, 1), p(HANDBOOK, 2));
    assertThat(ids(TextSearchRequest.builder(words).filter(VectorFilter.builder()
        .ids(List.of(p(HANDBOOK, 2), p(FAQ, 0))).build()).build())).containsExactlyInAnyOrder(p(HANDBOOK, 2), p(FAQ, 0));
    assertThat(ids(TextSearchRequest.builder(words).filter(VectorFilter.builder().keyword("missing.key", "x").build())
        .build())).isEmpty();
  }

  @Test
  void limitAndOffsetPageThroughTheRanking() {
    String words = "refunds for damaged goods";
    assertThat(ids(TextSearchRequest.builder(words).limit(1).build())).containsExactly(p(HANDBOOK, 0));
    assertThat(ids(TextSearchRequest.builder(words).limit(2).offset(1).build()))
        .containsExactly(p(FAQ, 0), p(HANDBOOK, 1));
  }

  @Test
  void aCollectionRegisteredWithTheSimpleConfigurationDoesNotStemAndKeepsItsLanguage() {
    String simple = collection + "_simple";
    try (CitadelVectors simpleVectors = CitadelVectors.create(config.toBuilder().section(
        config.section(dev.citadel.client.vector.config.QdrantConfig.class).orElseThrow().toBuilder()
            .syncTextSearchConfig("simple").build()).build())) {
      VectorSync simpleSync = VectorSync.create(db, simpleVectors);
      simpleSync.registerCollection(CollectionSpec.builder(simple, 3).distance(Distance.DOT).build());
      simpleSync.writeDocument(simple, HANDBOOK, List.of(chunk(HANDBOOK, 1, "Refunds are paid to the original card.",
          "pdf", List.of(), "2026-02-10T00:00:00Z", new float[] {0, 1, 0})));

      assertThat(simpleSync.searchText(simple, TextSearchRequest.of("refund"))).as("no stemming").isEmpty();
      assertThat(simpleSync.searchText(simple, TextSearchRequest.of("refunds"))).hasSize(1);
      assertThat(simpleSync.searchText(simple, TextSearchRequest.of("the"))).as("no stop words").hasSize(1);
      // the English client searches the same collection in the collection's language, not its own
      assertThat(sync.searchText(simple, TextSearchRequest.of("refund"))).isEmpty();
      assertThat(db.queryOne("SELECT text_search_config::text FROM \"" + config.database().metadataSchema()
          + "\".collections WHERE name = ?", RowMapper.column(String.class), simple)).isEqualTo("simple");
    }
  }

  @Test
  void rowsWrittenAroundTheSyncAreSearchableToo() {
    String schema = "\"" + config.database().metadataSchema() + "\".";
    UUID point = UUID.randomUUID();
    db.update("INSERT INTO " + schema + "vector_metadata (collection_id, point_id, document_id, payload)"
        + " SELECT id, ?, 'manual', '{\"content\": \"Parking permits are issued monthly.\"}'::jsonb FROM " + schema
        + "collections WHERE name = ?", point, collection);

    assertThat(ids(TextSearchRequest.of("permit"))).containsExactly(PointId.of(point));
  }

  @Test
  void aWordInMoreChunksThanTheRankWindowLeavesRoomForChunksWithEveryWordAndForTheRarerWord() {
    int window = ChunkTextSearch.RANK_WINDOW;
    // Covers (ts_rank_cd, one per occurrence of an any-word query): alpha-only chunks 3, zircon-only
    // chunks 1, the chunks with both 4 plus their all-words cover.
    List<PointId> frequent = insertAroundTheSync(window + 100, "alpha alpha alpha filler");
    List<PointId> rare = insertAroundTheSync(3, "zircon mentioned once");
    List<PointId> both = insertAroundTheSync(2, "alpha alpha alpha zircon");

    // Ranking every match would put the zircon-only chunks below all the alpha-only ones, at ranks
    // window + 102 to + 104. The window holds the chunks with both words, then the rarer word's,
    // then alpha-only chunks up to its size; the ranking inside it is unchanged.
    List<PointId> page = ids(TextSearchRequest.builder("alpha zircon").limit(window).build());
    assertThat(page).hasSize(window).doesNotHaveDuplicates();
    assertThat(page.subList(0, 2)).containsExactlyInAnyOrderElementsOf(both);
    assertThat(page.subList(2, window - 3)).allMatch(frequent::contains);
    assertThat(page.subList(window - 3, window)).containsExactlyInAnyOrderElementsOf(rare);

    // The window grows with offset + limit, so a page past it is a slice of that larger ranking:
    // 2 + 1,005 alpha-only + 3 zircon-only candidates, the zircon-only ones last.
    List<PointId> next = ids(TextSearchRequest.builder("alpha zircon").limit(10).offset(window).build());
    assertThat(next.subList(0, 7)).allMatch(frequent::contains);
    assertThat(next.subList(7, 10)).containsExactlyInAnyOrderElementsOf(rare);

    // Web-search syntax ranks the first window of its matches: every hit holds both words.
    assertThat(ids(TextSearchRequest.builder("alpha zircon").match(TextMatch.WEBSEARCH).build()))
        .containsExactlyInAnyOrderElementsOf(both);
  }

  /** Rows written with SQL, as {@code Metadata.vectors()} would: {@code n} chunks of {@code content}. */
  private List<PointId> insertAroundTheSync(int n, String content) {
    String schema = "\"" + config.database().metadataSchema() + "\".";
    return db.query("INSERT INTO " + schema + "vector_metadata (collection_id, point_id, document_id, payload)"
        + " SELECT c.id, gen_random_uuid(), 'bulk', jsonb_build_object('content', ?::text) FROM " + schema
        + "collections c, generate_series(1, ?) WHERE c.name = ? RETURNING point_id",
        rs -> PointId.of(rs.getObject(1, UUID.class)), content, n, collection);
  }

  @Test
  void badRequestsAreRefusedNamingWhatWasWrong() {
    assertThatThrownBy(() -> TextSearchRequest.of("  ")).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("text");
    assertThatThrownBy(() -> TextSearchRequest.builder("x").limit(0).build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("limit");
    assertThatThrownBy(() -> HybridTextRequest.builder("x", new float[] {1, 0, 0}).limit(10).candidates(5).build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("candidates");
    assertThatThrownBy(() -> sync.searchText("fts_never_registered_" + RUN, TextSearchRequest.of("refund")))
        .isInstanceOf(VectorException.class).hasMessageContaining("not registered");
    assertThatThrownBy(() -> sync.registerCollection(CollectionSpec.builder(collection + "_sparse", 3)
        .sparseVector("text", dev.citadel.client.vector.SparseModifier.IDF).build()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("sparse")
        .hasMessageContaining("hybridSearch");
  }

  @Test
  void anUnknownTextSearchConfigurationIsAConfigErrorNamingTheKey() {
    try (CitadelVectors klingon = CitadelVectors.create(config.toBuilder().section(
        config.section(dev.citadel.client.vector.config.QdrantConfig.class).orElseThrow().toBuilder()
            .syncTextSearchConfig("klingon").build()).build())) {
      assertThatThrownBy(() -> VectorSync.create(db, klingon).registerCollection(
          CollectionSpec.builder(collection + "_k", 3).build()))
          .isInstanceOf(ConfigException.class).hasMessageContaining("qdrant.sync.text_search_config")
          .hasMessageContaining("klingon");
    }
  }

  @Test
  void hybridSearchFusesFullTextAndDenseRanksByRrf() {
    sync.drain();
    // Query vector (0, 0.6, 0.8), Dot: handbook 0 -> 0.8, handbook 1 -> 0.6, FAQ -> 0.3, handbook 2 -> 0.
    // Text "refunds for damaged goods": handbook 0, FAQ, handbook 1 (see the first test).
    List<SearchHit> hits = sync.hybridSearch(collection, HybridTextRequest.builder("refunds for damaged goods",
        new float[] {0, 0.6f, 0.8f}).limit(4).build());

    // RRF, k = 2, 0-based ranks: handbook 0: 1/2 + 1/2; handbook 1: 1/4 + 1/3; FAQ: 1/3 + 1/4;
    // handbook 2: dense rank 3 only: 1/5. Handbook 1 and FAQ tie; the text list is fused first.
    assertThat(hits).extracting(SearchHit::id).containsExactly(p(HANDBOOK, 0), p(FAQ, 0), p(HANDBOOK, 1),
        p(HANDBOOK, 2));
    assertThat(hits).extracting(SearchHit::score).containsExactly(1.0f, 7 / 12f, 7 / 12f, 0.2f);
    assertThat(hits.get(3).payload()).containsEntry("content", "The office opens at nine in the morning.");

    List<SearchHit> filtered = sync.hybridSearch(collection, HybridTextRequest.builder("refunds for damaged goods",
        new float[] {0, 0.6f, 0.8f}).limit(2).filter(VectorFilter.builder().fileType("html").build()).build());
    assertThat(filtered).extracting(SearchHit::id).containsExactly(p(FAQ, 0));
    assertThat(filtered.get(0).score()).isEqualTo(1.0f);
  }
}
