package dev.citadel.client.vector.sync.internal;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.SqlOperations;
import dev.citadel.client.db.Transaction;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.Distance;
import dev.citadel.client.vector.DocumentChunk;
import dev.citadel.client.vector.PayloadFieldType;
import dev.citadel.client.vector.PointId;
import dev.citadel.client.vector.VectorException;
import dev.citadel.client.vector.internal.VectorChecks;
import dev.citadel.client.vector.sync.DocumentWrite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The SQL of the sync over the metadata tables ({@code collections}, {@code vector_metadata})
 * and the outbox ({@code vector_outbox}, the vector module's migrations V1 to V4), in {@code database.metadata_schema}.
 * Thread-safe; holds no connection.
 */
public final class SyncStore {
  /** A {@code collections} row. */
  public record CollectionRow(UUID id, String name, int vectorSize, Distance distance, String metadata) {

    /** The spec to recreate it from: size, distance, and the hnsw m and indexes saved at registration. */
    public CollectionSpec spec() {
      Map<String, Object> meta = Json.read(metadata);
      CollectionSpec.Builder b = CollectionSpec.builder(name, vectorSize).distance(distance);
      if (meta.get("hnsw_m") instanceof Long m) {
        b.hnswM(m.intValue());
      }
      if (meta.get("payload_indexes") instanceof Map<?, ?> indexes) {
        indexes.forEach((k, v) -> b.index(String.valueOf(k), PayloadFieldType.valueOf(String.valueOf(v))));
      }
      return b.build();
    }
  }

  /**
   * An outbox record claimed by the relay under {@code claimToken}. {@code collectionId} is null
   * for a {@code drop_collection} record (its collection row is gone); {@code collection} is the
   * name, null when the collection row is gone and the record is not a drop.
   */
  public record OutboxRecord(long id, UUID collectionId, String collection, String operation, List<UUID> pointIds,
      int attempts, int outages, UUID claimToken) {

    /** Whether this record drops a deleted collection from Qdrant rather than naming points. */
    public boolean dropsCollection() {
      return "drop_collection".equals(operation);
    }
  }

  /**
   * A {@code vector_metadata} row as the sync needs it; {@code syncSeq} is the stamp of its last
   * write (vector migration V2), {@code embedding} null when not read or not stored.
   */
  public record PointRow(UUID pointId, Map<String, Object> payload, float[] embedding, long syncSeq) {}

  private final String collections;
  private final String metadata;
  private final String outbox;

  public SyncStore(Database db) {
    String schema = "\"" + db.config().metadataSchema() + "\".";
    this.collections = schema + "collections";
    this.metadata = schema + "vector_metadata";
    this.outbox = schema + "vector_outbox";
  }

  private static final RowMapper<CollectionRow> COLLECTION = rs -> new CollectionRow(rs.getObject("id", UUID.class),
      rs.getString("name"), rs.getInt("vector_size"), Distance.fromName(rs.getString("distance")),
      rs.getString("metadata"));

  public Optional<CollectionRow> collection(SqlOperations sql, String name) {
    return sql.queryOptional("SELECT id, name, vector_size, distance, metadata::text AS metadata FROM " + collections
        + " WHERE name = ?", COLLECTION, name);
  }

  public List<CollectionRow> collections(SqlOperations sql) {
    return sql.query("SELECT id, name, vector_size, distance, metadata::text AS metadata FROM " + collections
        + " ORDER BY name", COLLECTION);
  }

  /**
   * Inserts the collection's row unless it exists; an existing row must have the spec's size and
   * distance. Returns its id.
   */
  public UUID register(Transaction tx, CollectionSpec spec, String textSearchConfig) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("hnsw_m", spec.hnswM());
    Map<String, String> indexes = new LinkedHashMap<>();
    spec.payloadIndexes().forEach((k, v) -> indexes.put(k, v.name()));
    meta.put("payload_indexes", indexes);
    tx.update("INSERT INTO " + collections + " (name, vector_size, distance, metadata, text_search_config)"
        + " VALUES (?, ?, ?, ?::jsonb, ?::regconfig) ON CONFLICT (name) DO NOTHING", spec.name(), spec.vectorSize(),
        spec.distance().qdrantName(), Json.write(meta), textSearchConfig);
    CollectionRow row = collection(tx, spec.name()).orElseThrow();
    if (row.vectorSize() != spec.vectorSize() || row.distance() != spec.distance()) {
      throw new VectorException(spec.name(), "collection '" + spec.name() + "' is registered in PostgreSQL with "
          + row.vectorSize() + "-d " + row.distance().qdrantName() + " vectors, but the spec asks for "
          + spec.vectorSize() + "-d " + spec.distance().qdrantName(), null);
    }
    return row.id();
  }

  private CollectionRow registered(SqlOperations sql, String name) {
    return collection(sql, name).orElseThrow(() -> new VectorException(name, "collection '" + name
        + "' is not registered in PostgreSQL (call VectorSync.registerCollection first)", null));
  }

  /**
   * Replaces the chunks of one document and queues an outbox record covering its old and new
   * points, in the caller's transaction.
   */
  public DocumentWrite writeDocument(Transaction tx, String collection, UUID fileId, List<DocumentChunk> chunks) {
    CollectionRow row = registered(tx, collection);
    for (DocumentChunk c : chunks) {
      if (!c.fileId().equals(fileId)) {
        throw new InvalidArgumentException("chunks", "chunk " + c.chunkIndex() + " belongs to file " + c.fileId()
            + ", not " + fileId);
      }
      VectorChecks.values(collection, c.vector(), "chunk " + c.chunkIndex() + " of " + fileId);
      VectorChecks.dimension(collection, row.vectorSize(), c.vector());
    }
    String documentId = fileId.toString();
    lockDocument(tx, row.id(), documentId);
    Set<UUID> covered = new LinkedHashSet<>(documentPoints(tx, row.id(), documentId));
    List<UUID> current = chunks.stream().map(c -> c.pointId().uuid()).toList();
    tx.update("DELETE FROM " + metadata + " WHERE collection_id = ? AND document_id = ? AND NOT (point_id = ANY(?::uuid[]))",
        row.id(), documentId, uuidArray(current));
    List<Object[]> rows = new ArrayList<>();
    for (DocumentChunk c : chunks) {
      rows.add(new Object[] {row.id(), c.pointId().uuid(), documentId, c.chunkIndex(), sha256(c.content()),
          Json.write(c.payload()), realArray(c.vector())});
    }
    if (!rows.isEmpty()) {
      tx.batch("INSERT INTO " + metadata + " (collection_id, point_id, document_id, chunk_index, content_hash, payload,"
          + " embedding) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::real[]) ON CONFLICT (collection_id, point_id) DO UPDATE SET"
          + " document_id = EXCLUDED.document_id, chunk_index = EXCLUDED.chunk_index, content_hash = EXCLUDED.content_hash,"
          + " payload = EXCLUDED.payload, embedding = EXCLUDED.embedding, version = vector_metadata.version + 1,"
          + " updated_at = now()", rows);
    }
    covered.addAll(current);
    return queue(tx, row, "upsert", documentId, covered);
  }

  /** Deletes one document's rows and queues an outbox record for their points. */
  public DocumentWrite deleteDocument(Transaction tx, String collection, UUID fileId) {
    CollectionRow row = registered(tx, collection);
    String documentId = fileId.toString();
    lockDocument(tx, row.id(), documentId);
    List<UUID> removed = tx.query("DELETE FROM " + metadata + " WHERE collection_id = ? AND document_id = ? RETURNING point_id",
        rs -> rs.getObject(1, UUID.class), row.id(), documentId);
    return queue(tx, row, "delete", documentId, removed);
  }

  /**
   * Serialises writers of one document until the transaction ends, so two concurrent writes of a
   * document apply one after the other instead of mixing their chunks; marks the transaction as
   * queuing its own outbox record (the vector V2 trigger then queues none per row).
   */
  private static void lockDocument(Transaction tx, UUID collectionId, String documentId) {
    tx.queryOne("SELECT set_config('citadel.vector_sync_queued', 'on', true) FROM"
        + " pg_advisory_xact_lock(hashtextextended(?, 0))", RowMapper.column(String.class),
        "vector_document:" + collectionId + ':' + documentId);
  }

  private List<UUID> documentPoints(SqlOperations sql, UUID collectionId, String documentId) {
    return sql.query("SELECT point_id FROM " + metadata + " WHERE collection_id = ? AND document_id = ?",
        rs -> rs.getObject(1, UUID.class), collectionId, documentId);
  }

  private DocumentWrite queue(Transaction tx, CollectionRow row, String operation, String documentId,
      Collection<UUID> points) {
    long id = tx.queryOne("INSERT INTO " + outbox + " (collection_id, operation, document_id, point_ids)"
        + " VALUES (?, ?, ?, ?::uuid[]) RETURNING id", RowMapper.column(Long.class), row.id(), operation, documentId,
        uuidArray(points));
    return new DocumentWrite(row.name(), documentId, points.stream().map(PointId::of).toList(), id);
  }

  /**
   * Leases the oldest due pending records to {@code claimToken} until {@code lease} from now and
   * returns them in id order; records another relay is leasing are skipped. The caller's
   * transaction only covers the claim: nothing stays locked while Qdrant is called.
   */
  public List<OutboxRecord> claim(Transaction tx, int limit, Duration lease, UUID claimToken) {
    List<OutboxRecord> records = new ArrayList<>(tx.query("UPDATE " + outbox + " o SET available_at = now() + ?::interval,"
        + " claim_token = ? FROM (SELECT id FROM " + outbox + " WHERE status = 'pending' AND available_at <= now()"
        + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) due WHERE o.id = due.id RETURNING o.id, o.collection_id,"
        + " coalesce(o.collection_name, (SELECT c.name FROM " + collections + " c WHERE c.id = o.collection_id)),"
        + " o.operation, o.point_ids, o.attempts, o.outages", rs -> new OutboxRecord(rs.getLong(1),
        rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), uuids(rs.getArray(5)), rs.getInt(6),
        rs.getInt(7), claimToken), interval(lease), claimToken, limit));
    records.sort(Comparator.comparingLong(OutboxRecord::id));
    return records;
  }

  /** Marks a leased record done; does nothing when its lease was lost to another relay. */
  public void done(SqlOperations sql, OutboxRecord r) {
    sql.update("UPDATE " + outbox + " SET status = 'done', attempts = ?, last_error = NULL, processed_at = now(),"
        + " claim_token = NULL WHERE id = ? AND claim_token = ?", r.attempts() + 1, r.id(), r.claimToken());
  }

  /** Qdrant rejected the record: one more attempt, due again after {@code delay}. */
  public void rejected(SqlOperations sql, OutboxRecord r, String error, Duration delay) {
    sql.update("UPDATE " + outbox + " SET attempts = ?, last_error = ?, available_at = now() + ?::interval,"
        + " claim_token = NULL WHERE id = ? AND claim_token = ?", r.attempts() + 1, truncate(error), interval(delay),
        r.id(), r.claimToken());
  }

  /** Qdrant was unavailable: one more outage pass (attempts unchanged), due again after {@code delay}. */
  public void unavailable(SqlOperations sql, OutboxRecord r, String error, Duration delay) {
    sql.update("UPDATE " + outbox + " SET outages = ?, last_error = ?, available_at = now() + ?::interval,"
        + " claim_token = NULL WHERE id = ? AND claim_token = ?", r.outages() + 1, truncate(error), interval(delay),
        r.id(), r.claimToken());
  }

  /** Gives a leased record back untried: due again at once, nothing counted. */
  public void release(SqlOperations sql, OutboxRecord r) {
    sql.update("UPDATE " + outbox + " SET available_at = now(), claim_token = NULL WHERE id = ? AND claim_token = ?",
        r.id(), r.claimToken());
  }

  /** Qdrant kept rejecting the record: marked failed with the error. */
  public void failed(SqlOperations sql, OutboxRecord r, String error) {
    sql.update("UPDATE " + outbox + " SET status = 'failed', attempts = ?, last_error = ?, processed_at = now(),"
        + " claim_token = NULL WHERE id = ? AND claim_token = ?", r.attempts() + 1, truncate(error), r.id(),
        r.claimToken());
  }

  /**
   * Queues an upsert record for {@code pointIds} of the collection (the relay then makes Qdrant
   * match PostgreSQL for them). Returns its id.
   */
  public long requeue(SqlOperations sql, UUID collectionId, Collection<UUID> pointIds) {
    return sql.queryOne("INSERT INTO " + outbox + " (collection_id, operation, point_ids) VALUES (?, 'upsert', ?::uuid[])"
        + " RETURNING id", RowMapper.column(Long.class), collectionId, uuidArray(pointIds));
  }

  /**
   * The points among {@code pointIds} whose state changed since {@code before} was read: another
   * stamp, or present then and gone now, or the reverse. {@code before} maps each point read to
   * its stamp; a point missing from it was absent.
   */
  public List<UUID> changedSince(SqlOperations sql, UUID collectionId, Collection<UUID> pointIds, Map<UUID, Long> before) {
    Map<UUID, Long> now = new HashMap<>();
    sql.query("SELECT point_id, sync_seq FROM " + metadata + " WHERE collection_id = ? AND point_id = ANY(?::uuid[])",
        rs -> now.put(rs.getObject(1, UUID.class), rs.getLong(2)), collectionId, uuidArray(pointIds));
    return pointIds.stream().filter(id -> !Objects.equals(before.get(id), now.get(id))).toList();
  }

  /** Deletes up to {@code limit} done records processed more than {@code retention} ago; returns how many. */
  public int pruneDone(SqlOperations sql, Duration retention, int limit) {
    return sql.update("DELETE FROM " + outbox + " WHERE id IN (SELECT id FROM " + outbox + " WHERE status = 'done'"
        + " AND processed_at < now() - ?::interval LIMIT ?)", interval(retention), limit);
  }

  public long pending(SqlOperations sql) {
    return sql.queryOne("SELECT count(*) FROM " + outbox + " WHERE status = 'pending'", RowMapper.column(Long.class));
  }

  public long pending(SqlOperations sql, UUID collectionId) {
    return sql.queryOne("SELECT count(*) FROM " + outbox + " WHERE status = 'pending' AND collection_id = ?",
        RowMapper.column(Long.class), collectionId);
  }

  /** The rows of these points that exist, with their vectors and stamps. */
  public Map<UUID, PointRow> rows(SqlOperations sql, UUID collectionId, Collection<UUID> pointIds) {
    Map<UUID, PointRow> out = new LinkedHashMap<>();
    sql.query("SELECT point_id, payload::text, embedding, sync_seq FROM " + metadata
        + " WHERE collection_id = ? AND point_id = ANY(?::uuid[])", rs -> new PointRow(rs.getObject(1, UUID.class),
        Json.read(rs.getString(2)), floats(rs.getArray(3)), rs.getLong(4)), collectionId, uuidArray(pointIds))
        .forEach(r -> out.put(r.pointId(), r));
    return out;
  }

  /** Every point of the collection with its payload (no vectors), streamed. */
  public void forEachPoint(Database db, UUID collectionId, Consumer<PointRow> visitor) {
    try (Stream<PointRow> rows = db.stream("SELECT point_id, payload::text FROM " + metadata + " WHERE collection_id = ?",
        rs -> new PointRow(rs.getObject(1, UUID.class), Json.read(rs.getString(2)), null, 0), collectionId)) {
      rows.forEach(visitor);
    }
  }

  private static String interval(Duration d) {
    return d.toMillis() + " milliseconds";
  }

  private static String truncate(String error) {
    return error == null || error.length() <= 2_000 ? error : error.substring(0, 2_000);
  }

  private static String uuidArray(Collection<UUID> ids) {
    StringBuilder out = new StringBuilder("{");
    for (UUID id : ids) {
      out.append(out.length() > 1 ? "," : "").append(id);
    }
    return out.append('}').toString();
  }

  private static String realArray(float[] v) {
    StringBuilder out = new StringBuilder(v.length * 10).append('{');
    for (int i = 0; i < v.length; i++) {
      out.append(i > 0 ? "," : "").append(v[i]);
    }
    return out.append('}').toString();
  }

  private static List<UUID> uuids(Array array) throws SQLException {
    Object[] values = (Object[]) array.getArray();
    List<UUID> out = new ArrayList<>(values.length);
    for (Object v : values) {
      out.add(v instanceof UUID u ? u : UUID.fromString(v.toString()));
    }
    return out;
  }

  private static float[] floats(Array array) throws SQLException {
    if (array == null) {
      return null;
    }
    Object[] values = (Object[]) array.getArray();
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = ((Number) values[i]).floatValue();
    }
    return out;
  }

  private static String sha256(String content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
