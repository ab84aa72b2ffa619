package dev.citadel.client.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.vector.internal.Payloads;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Specs, chunks, point ids and payload conversion. */
class ValueTypesTest {
  private static final UUID FILE = UUID.fromString("8d3f7d3e-6d39-4b5e-9a52-3c1f3b6f2a10");

  @Test
  void theDefaultCollectionsFollowSeed004() {
    assertThat(CollectionSpec.defaultCollections()).extracting(CollectionSpec::name)
        .containsExactly("documents", "chat_history", "code", "knowledge");
    assertThat(CollectionSpec.CODE.vectorSize()).isEqualTo(4096);
    assertThat(CollectionSpec.CODE.hnswM()).isEqualTo(24);
    assertThat(CollectionSpec.defaultCollections()).allSatisfy(s -> assertThat(s.distance()).isEqualTo(Distance.COSINE));
    assertThat(CollectionSpec.DOCUMENTS.payloadIndexes()).containsKeys("file_id", "tags", "file_type", "created_at");
  }

  @Test
  void specsValidateTheirFields() {
    assertThatThrownBy(() -> CollectionSpec.builder("bad name", 3).build())
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("name"))
        .hasMessageContaining("bad name");
    assertThatThrownBy(() -> CollectionSpec.builder("ok", 0).build()).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("vectorSize");
    assertThatThrownBy(() -> CollectionSpec.builder("ok", 3).shardNumber(0).build()).hasMessageContaining("shardNumber");
    assertThat(CollectionSpec.DOCUMENTS.toBuilder().build()).isEqualTo(CollectionSpec.DOCUMENTS);
  }

  @Test
  void searchRequestsTakeAnHnswBeamAndRefuseOneBelowOne() {
    assertThat(SearchRequest.builder(new float[] {1}).hnswEf(400).build().hnswEf()).isEqualTo(400);
    assertThat(SearchRequest.of(new float[] {1}).hnswEf()).as("the server's default").isNull();
    assertThatThrownBy(() -> SearchRequest.builder(new float[] {1}).hnswEf(0).build())
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("hnswEf"))
        .hasMessageContaining("was 0");
  }

  @Test
  void chunkPointIdsAreStableNameBasedUuids() {
    PointId id = DocumentChunk.pointId(FILE, 3);
    assertThat(id.isUuid()).isTrue();
    assertThat(id.uuid().version()).isEqualTo(3);
    assertThat(DocumentChunk.pointId(FILE, 3)).isEqualTo(id);
    assertThat(DocumentChunk.pointId(FILE, 4)).isNotEqualTo(id);
    // pinned: the id must never change between releases, or existing points would be duplicated
    assertThat(id.toString()).isEqualTo(UUID.nameUUIDFromBytes(java.nio.ByteBuffer.allocate(20)
        .putLong(FILE.getMostSignificantBits()).putLong(FILE.getLeastSignificantBits()).putInt(3).array()).toString());
  }

  @Test
  void chunkPayloadHasTheChunkFieldsAndExtras() {
    DocumentChunk c = DocumentChunk.builder(FILE, 0).content("text").documentTitle("Title").fileType("pdf")
        .tags(List.of("a", "b")).createdAt(Instant.parse("2026-01-16T00:00:00Z")).vector(new float[] {1})
        .extra("lang", "en").build();
    assertThat(c.payload()).containsExactly(Map.entry("file_id", FILE.toString()), Map.entry("chunk_index", 0),
        Map.entry("content", "text"), Map.entry("document_title", "Title"), Map.entry("file_type", "pdf"),
        Map.entry("tags", List.of("a", "b")), Map.entry("created_at", "2026-01-16T00:00:00Z"), Map.entry("lang", "en"));
    assertThatThrownBy(() -> DocumentChunk.builder(FILE, 0).vector(new float[] {1}).extra("tags", "x").build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("tags");
  }

  @Test
  void payloadsRoundTripToQdrantsNormalForm() {
    UUID u = UUID.randomUUID();
    Map<String, Object> in = Map.of("i", 5, "d", 1.5f, "s", "x", "b", true, "t", Instant.parse("2026-01-16T00:00:00Z"),
        "u", u, "l", List.of(1, "two"), "m", Map.of("k", 2L));
    Map<String, Object> out = Payloads.toJava(Payloads.toValues(in));
    assertThat(out).containsEntry("i", 5L).containsEntry("d", 1.5).containsEntry("s", "x").containsEntry("b", true)
        .containsEntry("t", "2026-01-16T00:00:00Z").containsEntry("u", u.toString())
        .containsEntry("l", List.of(1L, "two")).containsEntry("m", Map.of("k", 2L));
    assertThat(Payloads.normalize(in)).isEqualTo(out);
    assertThatThrownBy(() -> Payloads.toValue(Double.NaN)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> Payloads.toValue(new Object())).hasMessageContaining("no JSON form");
  }

  @Test
  void numericPointIdsAreUnsigned() {
    assertThat(PointId.of(-1L).toString()).isEqualTo("18446744073709551615");
    assertThat(PointId.of(7)).isEqualTo(PointId.of(7)).isNotEqualTo(PointId.of(UUID.randomUUID()));
    assertThatThrownBy(() -> PointId.of(7).uuid()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void searchRequestsValidate() {
    assertThatThrownBy(() -> SearchRequest.builder(new float[] {1}).limit(0).build())
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("limit"));
    assertThatThrownBy(() -> VectorFilter.builder().anyOf("tags", List.of()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("tags");
    assertThatThrownBy(() -> Distance.fromName("Hamming")).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("Hamming");
    float[] v = {1, 2};
    SearchRequest r = SearchRequest.of(v);
    v[0] = 9;
    assertThat(r.vector()).containsExactly(1f, 2f);
    assertThat(r.limit()).isEqualTo(10);
    assertThat(r.withPayload()).isTrue();
  }

  @Test
  void anyStringKeyGivesAStablePointIdAndCanonicalUuidsAreKept() {
    String uuid = "0b6e3c1a-2f4d-4e5a-9c7b-1d2e3f4a5b6c";
    assertThat(PointId.fromKey(uuid)).isEqualTo(PointId.of(UUID.fromString(uuid)));
    assertThat(PointId.fromKey("doc-1#chunk-2")).isEqualTo(PointId.fromKey("doc-1#chunk-2"))
        .isNotEqualTo(PointId.fromKey("doc-1#chunk-3"));
    assertThat(PointId.fromKey(uuid.toUpperCase())).as("not canonical: a derived id, not the UUID")
        .isNotEqualTo(PointId.of(UUID.fromString(uuid)));
    assertThat(PointId.fromKey("42").isUuid()).isTrue();
    assertThatThrownBy(() -> PointId.fromKey(" ")).isInstanceOfSatisfying(InvalidArgumentException.class,
        e -> assertThat(e.argument()).isEqualTo("id"));
  }

  @Test
  void compositeConditionsRefuseEmptyParts() {
    assertThatThrownBy(() -> new VectorFilter.Or(List.of())).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("Or needs at least one condition");
    assertThatThrownBy(() -> new VectorFilter.And(List.of())).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> new VectorFilter.Bounds("k", null, null, null, null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("Bounds(k)");
    assertThatThrownBy(() -> new VectorFilter.AnyInteger("k", List.of())).isInstanceOf(InvalidArgumentException.class);
    VectorFilter f = VectorFilter.builder().condition(new VectorFilter.Not(new VectorFilter.Keyword("k", "v"))).build();
    assertThat(f.conditions()).containsExactly(new VectorFilter.Not(new VectorFilter.Keyword("k", "v")));
  }
}
