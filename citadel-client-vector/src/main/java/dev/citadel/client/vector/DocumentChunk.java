package dev.citadel.client.vector;

import dev.citadel.client.InvalidArgumentException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One embedded chunk of a document, with the payload of seed 004 §3.2 ({@code file_id},
 * {@code chunk_index}, {@code content}, {@code document_title}, {@code file_type}, {@code tags},
 * {@code created_at}) plus any extra fields. Its point id is derived from file id and chunk
 * index, so writing the same chunk again overwrites it instead of adding a copy. Immutable (the
 * vector is copied in and out).
 */
public final class DocumentChunk {
  /** Payload key of the file id. */
  public static final String FILE_ID = "file_id";
  /** Payload key of the chunk index. */
  public static final String CHUNK_INDEX = "chunk_index";
  /** Payload key of the text. */
  public static final String CONTENT = "content";
  /** Payload key of the document title. */
  public static final String DOCUMENT_TITLE = "document_title";
  /** Payload key of the file type. */
  public static final String FILE_TYPE = "file_type";
  /** Payload key of the tags. */
  public static final String TAGS = "tags";
  /** Payload key of the creation time (RFC 3339, UTC). */
  public static final String CREATED_AT = "created_at";

  private static final Set<String> CHUNK_KEYS =
      Set.of(FILE_ID, CHUNK_INDEX, CONTENT, DOCUMENT_TITLE, FILE_TYPE, TAGS, CREATED_AT);

  private final UUID fileId;
  private final int chunkIndex;
  private final String content;
  private final String documentTitle;
  private final String fileType;
  private final List<String> tags;
  private final Instant createdAt;
  private final float[] vector;
  private final Map<String, Object> extra;

  private DocumentChunk(Builder b) {
    this.fileId = Objects.requireNonNull(b.fileId, "fileId");
    if (b.chunkIndex < 0) {
      throw new InvalidArgumentException("chunkIndex", "must not be negative, was " + b.chunkIndex);
    }
    this.chunkIndex = b.chunkIndex;
    this.content = Objects.requireNonNull(b.content, "content");
    this.documentTitle = b.documentTitle;
    this.fileType = b.fileType;
    this.tags = List.copyOf(b.tags);
    this.createdAt = b.createdAt == null ? Instant.now() : b.createdAt;
    this.vector = Objects.requireNonNull(b.vector, "vector").clone();
    for (String key : b.extra.keySet()) {
      if (CHUNK_KEYS.contains(key)) {
        throw new InvalidArgumentException("extra", "payload key '" + key + "' would overwrite a chunk field");
      }
    }
    this.extra = Collections.unmodifiableMap(new LinkedHashMap<>(b.extra));
  }

  /** A builder for chunk {@code chunkIndex} of file {@code fileId}. */
  public static Builder builder(UUID fileId, int chunkIndex) {
    return new Builder(fileId, chunkIndex);
  }

  /**
   * The stable point id of chunk {@code chunkIndex} of {@code fileId}: a name-based UUID of
   * both, the same in every process and run.
   */
  public static PointId pointId(UUID fileId, int chunkIndex) {
    ByteBuffer bytes = ByteBuffer.allocate(20);
    bytes.putLong(fileId.getMostSignificantBits()).putLong(fileId.getLeastSignificantBits()).putInt(chunkIndex);
    return PointId.of(UUID.nameUUIDFromBytes(bytes.array()));
  }

  /** This chunk's stable point id. */
  public PointId pointId() {
    return pointId(fileId, chunkIndex);
  }

  /** The file (document) id. */
  public UUID fileId() {
    return fileId;
  }

  /** Position of the chunk in its document, from 0. */
  public int chunkIndex() {
    return chunkIndex;
  }

  /** The chunk's text. */
  public String content() {
    return content;
  }

  /** The document title, or null. */
  public String documentTitle() {
    return documentTitle;
  }

  /** The file type (e.g. {@code pdf}), or null. */
  public String fileType() {
    return fileType;
  }

  /** The tags, possibly empty. */
  public List<String> tags() {
    return tags;
  }

  /** When the chunk was created. */
  public Instant createdAt() {
    return createdAt;
  }

  /** A copy of the embedding. */
  public float[] vector() {
    return vector.clone();
  }

  /** Extra payload fields beyond the chunk fields. */
  public Map<String, Object> extra() {
    return extra;
  }

  /** The payload stored with the point: the chunk fields (nulls left out), then the extra ones. */
  public Map<String, Object> payload() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(FILE_ID, fileId.toString());
    p.put(CHUNK_INDEX, chunkIndex);
    p.put(CONTENT, content);
    if (documentTitle != null) {
      p.put(DOCUMENT_TITLE, documentTitle);
    }
    if (fileType != null) {
      p.put(FILE_TYPE, fileType);
    }
    p.put(TAGS, tags);
    p.put(CREATED_AT, createdAt.toString());
    p.putAll(extra);
    return p;
  }

  /** This chunk as a generic point. */
  public VectorPoint toPoint() {
    return new VectorPoint(pointId(), vector, payload());
  }

  @Override
  public String toString() {
    return "DocumentChunk[" + fileId + "#" + chunkIndex + ", " + vector.length + "-d, " + content.length()
        + " chars]";
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final UUID fileId;
    private final int chunkIndex;
    private String content = "";
    private String documentTitle;
    private String fileType;
    private List<String> tags = List.of();
    private Instant createdAt;
    private float[] vector;
    private final Map<String, Object> extra = new LinkedHashMap<>();

    private Builder(UUID fileId, int chunkIndex) {
      this.fileId = fileId;
      this.chunkIndex = chunkIndex;
    }

    /** The text; default empty. */
    public Builder content(String value) {
      this.content = value;
      return this;
    }

    /** The document title. */
    public Builder documentTitle(String value) {
      this.documentTitle = value;
      return this;
    }

    /** The file type, e.g. {@code pdf}. */
    public Builder fileType(String value) {
      this.fileType = value;
      return this;
    }

    /** The tags. */
    public Builder tags(List<String> value) {
      this.tags = Objects.requireNonNull(value, "tags");
      return this;
    }

    /** Creation time; default now. */
    public Builder createdAt(Instant value) {
      this.createdAt = value;
      return this;
    }

    /** The embedding (copied). */
    public Builder vector(float[] value) {
      this.vector = value;
      return this;
    }

    /**
     * An extra payload field: strings, numbers, booleans, {@link Instant}s, {@link UUID}s, lists
     * and maps of those.
     */
    public Builder extra(String key, Object value) {
      extra.put(Objects.requireNonNull(key, "key"), value);
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws InvalidArgumentException for a negative index or an extra key that shadows a chunk field
     */
    public DocumentChunk build() {
      return new DocumentChunk(this);
    }
  }
}
