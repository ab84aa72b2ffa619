package dev.citadel.examples.served;

import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.DocumentChunk;
import dev.citadel.client.vector.SearchHit;
import dev.citadel.client.vector.SearchRequest;
import dev.citadel.client.vector.VectorFilter;
import dev.citadel.client.vector.sync.VectorSync;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/documents} ingests a text: chunked at sentence ends (at most
 * {@code served.chunk-size} characters), embedded by the ONNX model, and written through the
 * outbox sync ({@link VectorSync#writeDocument}: PostgreSQL rows and an outbox record in one
 * transaction; the background relay pushes them to Qdrant within {@code citadel.qdrant.sync.interval}).
 * {@code POST /v1/documents/search} is a filtered vector search ({@code tags}) over the collection.
 */
@RestController
class Documents {
  /** The ingestion request. */
  record IngestRequest(String title, String text, List<String> tags, String fileType) {}

  /** The search request. */
  record SearchBody(String query, List<String> tags, Integer limit) {}

  private final Authenticator auth;
  private final VectorSync sync;
  private final CitadelVectors vectors;
  private final Embedder embedder;
  private final SdkCalls sdk;
  private final ServedProperties properties;

  Documents(Authenticator auth, VectorSync sync, CitadelVectors vectors, Embedder embedder, SdkCalls sdk,
      ServedProperties properties) {
    this.auth = auth;
    this.sync = sync;
    this.vectors = vectors;
    this.embedder = embedder;
    this.sdk = sdk;
    this.properties = properties;
  }

  @PostMapping("/v1/documents")
  ResponseEntity<Map<String, Object>> ingest(@RequestHeader(value = "Authorization", required = false) String authorization,
      @RequestBody IngestRequest request) {
    auth.authenticate(authorization);
    if (request == null || request.text() == null || request.text().isBlank()) {
      throw ApiException.invalid("missing_text", "'text' is required");
    }
    String title = request.title() == null || request.title().isBlank() ? "untitled" : request.title();
    List<String> tags = request.tags() == null ? List.of() : request.tags();
    List<String> pieces = chunks(request.text(), properties.chunkSize());
    List<float[]> vectorsOf = embedder.embedAll(pieces);
    UUID fileId = UUID.randomUUID();
    List<DocumentChunk> chunks = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      chunks.add(DocumentChunk.builder(fileId, i).content(pieces.get(i)).documentTitle(title)
          .fileType(request.fileType() == null ? "txt" : request.fileType()).tags(tags).vector(vectorsOf.get(i))
          .build());
    }
    sdk.run("document_write", () -> sync.writeDocument(properties.collection(), fileId, chunks));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", fileId.toString());
    body.put("object", "document");
    body.put("collection", properties.collection());
    body.put("chunks", chunks.size());
    return ResponseEntity.status(HttpStatus.CREATED).body(body);
  }

  @PostMapping("/v1/documents/search")
  Map<String, Object> search(@RequestHeader(value = "Authorization", required = false) String authorization,
      @RequestBody SearchBody request) {
    auth.authenticate(authorization);
    if (request == null || request.query() == null || request.query().isBlank()) {
      throw ApiException.invalid("missing_query", "'query' is required");
    }
    int limit = request.limit() == null ? 10 : request.limit();
    if (limit < 1 || limit > 100) {
      throw ApiException.invalid("invalid_limit", "'limit' must be 1 to 100, was " + limit);
    }
    float[] query = embedder.embed(request.query());
    SearchRequest.Builder search = SearchRequest.builder(query).limit(limit);
    boolean filtered = request.tags() != null && !request.tags().isEmpty();
    if (filtered) {
      search.filter(VectorFilter.builder().tagsAnyOf(request.tags().toArray(String[]::new)).build());
    }
    List<SearchHit> hits = sdk.time(filtered ? SdkCalls.FILTERED_SEARCH : SdkCalls.VECTOR_TOP10,
        () -> vectors.search(properties.collection(), search.build()));
    List<Map<String, Object>> data = new ArrayList<>();
    for (SearchHit hit : hits) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", hit.id().toString());
      item.put("score", hit.score());
      item.put("title", hit.payload().get(DocumentChunk.DOCUMENT_TITLE));
      item.put("content", hit.payload().get(DocumentChunk.CONTENT));
      data.add(item);
    }
    return Map.of("object", "list", "data", data);
  }

  /** Sentence-end chunks of at most {@code max} characters (a longer sentence is cut). */
  static List<String> chunks(String text, int max) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String sentence : text.trim().split("(?<=[.!?])\\s+|\\R\\s*\\R")) {
      String s = sentence.trim();
      while (s.length() > max) {
        flush(out, current);
        out.add(s.substring(0, max));
        s = s.substring(max).trim();
      }
      if (s.isEmpty()) {
        continue;
      }
      if (current.length() > 0 && current.length() + 1 + s.length() > max) {
        flush(out, current);
      }
      current.append(current.length() == 0 ? "" : " ").append(s);
    }
    flush(out, current);
    return out;
  }

  private static void flush(List<String> out, StringBuilder current) {
    if (current.length() > 0) {
      out.add(current.toString());
      current.setLength(0);
    }
  }
}
