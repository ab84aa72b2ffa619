package dev.citadel.client.vector.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.DimensionMismatchException;
import dev.citadel.client.vector.DocumentChunk;
import dev.citadel.client.vector.PayloadFieldType;
import dev.citadel.client.vector.PointId;
import dev.citadel.client.vector.StoredPoint;
import dev.citadel.client.vector.VectorException;
import dev.citadel.client.vector.VectorFilter;
import dev.citadel.client.vector.config.QdrantConfig;
import dev.citadel.client.vector.internal.PointIds;
import dev.citadel.client.vector.support.VectorTestConfigs;
import dev.citadel.qdrant.local.QdrantLocalServer;
import io.qdrant.client.ValueFactory;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Points.PointStruct;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL (test kit) to Qdrant (local server, persisted to a directory so it can be stopped
 * and restarted like a real one) through the outbox, the relay and reconcile.
 */
@ExtendWith(CitadelTestKitExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VectorSyncIT {
  private QdrantLocalServer qdrant;
  private Database db;
  private CitadelVectors vectors;
  private VectorSync sync;
  private String collection;

  @BeforeAll
  void start(TestDatabase database, @TempDir Path qdrantData) {
    qdrant = QdrantLocalServer.start(qdrantData, 0);
    QdrantConfig q = VectorTestConfigs.qdrant(CitadelTestKit.qdrant(qdrant)).callTimeout(Duration.ofSeconds(2))
        .syncInterval(Duration.ofMillis(100)).syncMaxAttempts(2).build();
    var config = VectorTestConfigs.citadel(database, q);
    db = Database.create(config);
    db.migrate();
    vectors = CitadelVectors.create(config);
    sync = VectorSync.create(db, vectors);
  }

  @AfterAll
  void stop() {
    if (sync != null) {
      sync.close();
    }
    if (vectors != null) {
      vectors.close();
    }
    if (db != null) {
      db.close();
    }
    if (qdrant != null) {
      qdrant.close();
    }
  }

  @BeforeEach
  void register(TestInfo info) {
    collection = "sync_" + info.getTestMethod().orElseThrow().getName();
    sync.registerCollection(CollectionSpec.builder(collection, 3).distance(dev.citadel.client.vector.Distance.DOT)
        .index("file_id", PayloadFieldType.KEYWORD).build());
  }

  @Test
  void aWriteIsOneTransactionAndTheRelayPushesItIdempotently() {
    UUID file = UUID.randomUUID();
    DocumentWrite write = sync.writeDocument(collection, file, chunks(file, 3));

    assertThat(write.pointIds()).hasSize(3);
    assertThat(rows(collection)).isEqualTo(3);
    assertThat(outbox(write.outboxId())).isEqualTo("pending");
    assertThat(qdrantCount()).as("nothing reaches Qdrant before the relay").isZero();

    RelayResult pass = sync.relay();
    assertThat(pass.pushed()).isEqualTo(1);
    assertThat(pass.pending()).isZero();
    assertThat(outbox(write.outboxId())).isEqualTo("done");
    assertThat(qdrantCount()).isEqualTo(3);
    StoredPoint p = vectors.get(collection, List.of(DocumentChunk.pointId(file, 1)), true).get(0);
    assertThat(p.payload()).containsEntry("file_id", file.toString()).containsEntry("chunk_index", 1L)
        .containsEntry("content", "text 1");
    assertThat(p.vector()).containsExactly(1f, 1f, 0f);

    // the same document with two chunks: chunk 2 disappears from both sides
    DocumentWrite rewrite = sync.writeDocument(collection, file, chunks(file, 2));
    assertThat(rewrite.pointIds()).hasSize(3);
    sync.drain();
    assertThat(rows(collection)).isEqualTo(2);
    assertThat(qdrantCount()).isEqualTo(2);

    assertThat(sync.reconcile(collection, ReconcileMode.REPORT).driftCount()).isZero();
  }

  @Test
  void qdrantDownWhileWritingLosesNothingAndTheRelayCatchesUp() {
    UUID kept = UUID.randomUUID();
    sync.writeDocument(collection, kept, chunks(kept, 2));
    sync.drain();
    assertThat(qdrantCount()).isEqualTo(2);

    qdrant.stop();
    List<UUID> files = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      UUID file = UUID.randomUUID();
      files.add(file);
      sync.writeDocument(collection, file, chunks(file, 2));
    }
    sync.deleteDocument(collection, kept);
    assertThat(sync.pendingCount()).as("the outbox grows while Qdrant is down").isEqualTo(4);
    RelayResult whileDown = sync.relay();
    assertThat(whileDown.pushed()).isZero();
    assertThat(whileDown.deferred()).isEqualTo(1);
    assertThat(whileDown.pending()).isEqualTo(4);
    assertThat(rows(collection)).as("PostgreSQL took every write").isEqualTo(6);

    qdrant.restart();
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> sync.drain().pending() == 0);

    assertThat(qdrantCount()).isEqualTo(6);
    assertThat(vectors.count(collection, VectorFilter.builder().fileId(kept).build())).isZero();
    CollectionDrift drift = sync.reconcile(collection, ReconcileMode.REPORT);
    assertThat(drift.driftCount()).isZero();
    assertThat(drift.postgresPoints()).isEqualTo(6);
    assertThat(drift.qdrantPoints()).isEqualTo(6);
    assertThat(drift.inSync()).isTrue();
  }

  @Test
  void reconcileReportsDriftBehindTheSdksBackAndRepairsIt() throws Exception {
    UUID file = UUID.randomUUID();
    sync.writeDocument(collection, file, chunks(file, 3));
    sync.drain();
    PointId deleted = DocumentChunk.pointId(file, 0);
    PointId changed = DocumentChunk.pointId(file, 1);
    PointId orphan = PointId.of(UUID.randomUUID());
    var raw = vectors.rawClient();
    raw.deleteAsync(collection, List.of(PointIds.toQdrant(deleted))).get(10, TimeUnit.SECONDS);
    raw.setPayloadAsync(collection, Map.of("content", ValueFactory.value("edited elsewhere")),
        PointIds.toQdrant(changed), true, null, null).get(10, TimeUnit.SECONDS);
    raw.upsertAsync(collection, List.of(PointStruct.newBuilder().setId(PointIds.toQdrant(orphan))
        .setVectors(io.qdrant.client.VectorsFactory.vectors(1f, 2f, 3f)).build())).get(10, TimeUnit.SECONDS);

    CollectionDrift report = sync.reconcile(collection, ReconcileMode.REPORT);
    assertThat(report.missing()).containsExactly(deleted);
    assertThat(report.payloadDrift()).containsExactly(changed);
    assertThat(report.orphans()).containsExactly(orphan);
    assertThat(report.inSync()).isFalse();
    assertThat(report.repaired()).isFalse();

    CollectionDrift repair = sync.reconcile(collection, ReconcileMode.REPAIR);
    assertThat(repair.driftCount()).isEqualTo(3);
    assertThat(repair.inSync()).isTrue();

    CollectionDrift after = sync.reconcile(collection, ReconcileMode.REPORT);
    assertThat(after.driftCount()).isZero();
    assertThat(vectors.get(collection, List.of(deleted), true)).singleElement()
        .satisfies(p -> assertThat(p.vector()).containsExactly(1f, 0f, 0f));
    assertThat(vectors.get(collection, List.of(changed), false).get(0).payload()).containsEntry("content", "text 1");

    SyncReport all = sync.reconcile(ReconcileMode.REPORT);
    assertThat(all.collection(collection).orElseThrow().inSync()).isTrue();
    assertThat(all.toString()).startsWith("Collections synchronized: " + all.synchronizedCount());
  }

  @Test
  void aCollectionMissingInQdrantIsReportedAndRecreatedWithItsIndexes() {
    UUID file = UUID.randomUUID();
    sync.writeDocument(collection, file, chunks(file, 2));
    sync.drain();
    vectors.drop(collection);

    CollectionDrift report = sync.reconcile(collection, ReconcileMode.REPORT);
    assertThat(report.collectionMissing()).isTrue();
    assertThat(report.missing()).hasSize(2);

    sync.reconcile(collection, ReconcileMode.REPAIR);
    assertThat(vectors.describe(collection).payloadIndexes()).containsEntry("file_id", PayloadFieldType.KEYWORD);
    assertThat(sync.reconcile(collection, ReconcileMode.REPORT).inSync()).isTrue();
  }

  @Test
  void badChunksAndUnregisteredCollectionsWriteNothing() {
    UUID file = UUID.randomUUID();
    List<DocumentChunk> wrongSize = List.of(DocumentChunk.builder(file, 0).content("x").vector(new float[] {1, 2})
        .build());
    assertThatThrownBy(() -> sync.writeDocument(collection, file, wrongSize))
        .isInstanceOf(DimensionMismatchException.class).hasMessageContaining(collection);
    assertThatThrownBy(() -> sync.writeDocument("not_registered", file, chunks(file, 1)))
        .isInstanceOf(VectorException.class).hasMessageContaining("not registered");
    assertThat(rows(collection)).isZero();
    assertThat(db.queryOne("SELECT count(*) FROM citadel.vector_outbox o JOIN citadel.collections c"
        + " ON c.id = o.collection_id WHERE c.name = ?", RowMapper.column(Long.class), collection)).isZero();
  }

  @Test
  void aRecordQdrantKeepsRejectingIsMarkedFailedAndDoesNotBlockOthers() throws Exception {
    // Qdrant's collection is recreated with another size behind PostgreSQL's back
    vectors.drop(collection);
    vectors.rawClient().createCollectionAsync(collection, VectorParams.newBuilder().setSize(2)
        .setDistance(Distance.Cosine).build()).get(10, TimeUnit.SECONDS);
    UUID file = UUID.randomUUID();
    DocumentWrite write = sync.writeDocument(collection, file, chunks(file, 1));

    Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(150))
        .until(() -> {
          sync.relay();
          return "failed".equals(outbox(write.outboxId()));
        });
    assertThat(db.queryOne("SELECT last_error FROM citadel.vector_outbox WHERE id = ?", RowMapper.column(String.class),
        write.outboxId())).contains("3 dimensions").contains(collection);
  }

  @Test
  void theBackgroundRelayPushesWithoutBeingAsked() {
    UUID file = UUID.randomUUID();
    sync.startRelay();
    try {
      sync.writeDocument(collection, file, chunks(file, 4));
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> qdrantCount() == 4);
    } finally {
      sync.close();
    }
    assertThat(sync.pendingCount()).isZero();
  }

  // ------------------------------------------------------------------ helpers

  private static List<DocumentChunk> chunks(UUID file, int n) {
    List<DocumentChunk> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(DocumentChunk.builder(file, i).content("text " + i).documentTitle("doc " + file).fileType("txt")
          .tags(List.of("t" + i)).createdAt(Instant.parse("2026-01-16T00:00:00Z"))
          .vector(new float[] {1, i, 0}).build());
    }
    return out;
  }

  private long qdrantCount() {
    return vectors.count(collection, VectorFilter.none());
  }

  private long rows(String name) {
    return db.queryOne("SELECT count(*) FROM citadel.vector_metadata m JOIN citadel.collections c"
        + " ON c.id = m.collection_id WHERE c.name = ?", RowMapper.column(Long.class), name);
  }

  private String outbox(long id) {
    return db.queryOne("SELECT status FROM citadel.vector_outbox WHERE id = ?", RowMapper.column(String.class), id);
  }
}
