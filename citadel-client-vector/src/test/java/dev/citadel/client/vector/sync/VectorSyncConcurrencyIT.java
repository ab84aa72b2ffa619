package dev.citadel.client.vector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.metadata.Metadata;
import dev.citadel.client.metadata.VectorCollection;
import dev.citadel.client.metadata.VectorMetadataRepository;
import dev.citadel.client.metadata.VectorRecord;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.QdrantServer;
import dev.citadel.client.testkit.TestDatabase;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.Distance;
import dev.citadel.client.vector.DocumentChunk;
import dev.citadel.client.vector.PointId;
import dev.citadel.client.vector.StoredPoint;
import dev.citadel.client.vector.VectorFilter;
import dev.citadel.client.vector.config.QdrantConfig;
import dev.citadel.client.vector.support.StallingProxy;
import dev.citadel.client.vector.support.VectorTestConfigs;
import dev.citadel.qdrant.local.QdrantLocalServer;
import io.qdrant.client.grpc.Collections.VectorParams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
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
 * The sync under replicas, concurrent writers and faults (issue 14): two relays over one database
 * and one Qdrant (relay B reaches Qdrant through a proxy that can hold its calls in flight),
 * reconcile while writers run, and the outbox's bookkeeping. Real servers throughout: the test
 * kit's PostgreSQL and the local Qdrant server, persisted so it can be stopped and restarted.
 */
@ExtendWith(CitadelTestKitExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VectorSyncConcurrencyIT {
  private static final int MAX_ATTEMPTS = 2;

  private QdrantLocalServer qdrant;
  private StallingProxy slowLink;
  private Database db;
  private CitadelVectors vectors;
  private CitadelVectors vectorsViaSlowLink;
  private VectorSync relayA;
  private VectorSync relayB;
  private TestDatabase database;
  private String collection;

  @BeforeAll
  void start(TestDatabase database, @TempDir Path qdrantData) {
    this.database = database;
    qdrant = QdrantLocalServer.start(qdrantData, 0);
    QdrantServer server = CitadelTestKit.qdrant(qdrant);
    slowLink = StallingProxy.start(server.host(), server.grpcPort());
    QdrantConfig direct = VectorTestConfigs.qdrant(server).callTimeout(Duration.ofSeconds(2))
        .syncInterval(Duration.ofMillis(20)).syncMaxAttempts(MAX_ATTEMPTS).build();
    db = Database.create(VectorTestConfigs.citadel(database, direct));
    db.migrate();
    vectors = CitadelVectors.create(VectorTestConfigs.citadel(database, direct));
    // the slow link's calls are held for seconds on purpose: a deadline long enough not to give up
    vectorsViaSlowLink = CitadelVectors.create(VectorTestConfigs.citadel(database,
        VectorTestConfigs.qdrant(slowLink.qdrant(server)).callTimeout(Duration.ofSeconds(30))
            .syncInterval(Duration.ofMillis(20)).syncMaxAttempts(MAX_ATTEMPTS).build()));
    relayA = VectorSync.create(db, vectors);
    relayB = VectorSync.create(db, vectorsViaSlowLink);
  }

  @AfterAll
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {relayA, relayB, vectorsViaSlowLink, vectors, db, slowLink, qdrant}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception ignored) {
        // closing the rest anyway
      }
    }
  }

  @BeforeEach
  void register(TestInfo info) {
    collection = "c_" + info.getTestMethod().orElseThrow().getName().toLowerCase();
    relayA.registerCollection(CollectionSpec.builder(collection, 3).distance(Distance.DOT).build());
  }

  // ------------------------------------------------------------------ item 1: two relays

  @Test
  void twoRelaysLeaveTheLastWriteOfEveryPointInQdrant() throws Exception {
    // A deterministic bad interleaving: relay B reads version 1 and is slow to push it; version 2
    // is written and pushed by relay A; then B's push of version 1 lands. (Nothing else pending,
    // so B's pass reads this document before it calls Qdrant.)
    drainBoth();
    UUID file = UUID.randomUUID();
    relayA.writeDocument(collection, file, chunks(file, 3, 1));
    slowLink.stall();
    CompletableFuture<RelayResult> slowPass = CompletableFuture.supplyAsync(relayB::relay);
    assertThat(slowLink.heldBack().await(20, TimeUnit.SECONDS)).as("relay B's push is in flight").isTrue();
    relayA.writeDocument(collection, file, chunks(file, 2, 2));
    relayA.drain();
    slowLink.resume();
    slowPass.get(30, TimeUnit.SECONDS);
    drainBoth();
    assertQdrantMatchesPostgres();
    assertThat(qdrantContents()).containsOnlyKeys(DocumentChunk.pointId(file, 0).uuid(),
        DocumentChunk.pointId(file, 1).uuid()).allSatisfy((id, content) -> assertThat(content).endsWith("v2"));

    // Then any interleaving: two writers hammer the same documents while both relays run.
    List<UUID> files = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    AtomicInteger version = new AtomicInteger(2);
    relayA.startRelay();
    relayB.startRelay();
    try {
      CompletableFuture<?>[] writers = new CompletableFuture<?>[2];
      for (int w = 0; w < writers.length; w++) {
        writers[w] = CompletableFuture.runAsync(() -> {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          for (int i = 0; i < 150; i++) {
            UUID f = files.get(random.nextInt(files.size()));
            if (random.nextInt(10) == 0) {
              relayA.deleteDocument(collection, f);
            } else {
              relayA.writeDocument(collection, f, chunks(f, 1 + random.nextInt(4), version.incrementAndGet()));
            }
          }
        });
      }
      CompletableFuture.allOf(writers).get(120, TimeUnit.SECONDS);
    } finally {
      relayA.close();
      relayB.close();
    }
    drainBoth();
    assertQdrantMatchesPostgres();
  }

  // ------------------------------------------------------------------ item 2: reconcile under writers

  @Test
  void reconcileRepairingInALoopNeverLosesAWrittenPoint() throws Exception {
    // A deterministic bad interleaving: reconcile (through the slow link) has read PostgreSQL and
    // is slow to scan Qdrant; meanwhile a document is written and pushed.
    drainBoth();
    List<UUID> written = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      UUID f = UUID.randomUUID();
      relayA.writeDocument(collection, f, chunks(f, 2, 1));
      written.add(f);
    }
    relayA.drain();
    slowLink.stall();
    CompletableFuture<CollectionDrift> slowRepair =
        CompletableFuture.supplyAsync(() -> relayB.reconcile(collection, ReconcileMode.REPAIR));
    assertThat(slowLink.heldBack().await(20, TimeUnit.SECONDS)).as("reconcile's scan is in flight").isTrue();
    UUID fresh = UUID.randomUUID();
    relayA.writeDocument(collection, fresh, chunks(fresh, 2, 1));
    written.add(fresh);
    relayA.drain();
    slowLink.resume();
    slowRepair.get(30, TimeUnit.SECONDS);
    assertThat(vectors.get(collection, List.of(DocumentChunk.pointId(fresh, 0), DocumentChunk.pointId(fresh, 1)),
        false)).as("the point written after reconcile read PostgreSQL is still in Qdrant").hasSize(2);

    // Then a writer running while reconcile repairs in a loop.
    AtomicBoolean writing = new AtomicBoolean(true);
    relayA.startRelay();
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      for (int i = 0; i < 300; i++) {
        UUID f = UUID.randomUUID();
        relayA.writeDocument(collection, f, chunks(f, 2, 1));
        synchronized (written) {
          written.add(f);
        }
      }
      writing.set(false);
    });
    int repairs = 0;
    try {
      while (writing.get() || repairs < 5) {
        relayB.reconcile(collection, ReconcileMode.REPAIR);
        repairs++;
      }
      writer.get(120, TimeUnit.SECONDS);
    } finally {
      relayA.close();
    }
    drainBoth();
    assertThat(repairs).isGreaterThan(1);
    List<PointId> expected = new ArrayList<>();
    written.forEach(f -> {
      expected.add(DocumentChunk.pointId(f, 0));
      expected.add(DocumentChunk.pointId(f, 1));
    });
    assertThat(vectors.get(collection, expected, false)).as("every written point is in Qdrant")
        .hasSize(expected.size());
    assertQdrantMatchesPostgres();
    assertThat(relayA.reconcile(collection, ReconcileMode.REPORT).inSync()).isTrue();
  }

  // ------------------------------------------------------------------ item 3: bookkeeping

  @Test
  void concurrentWritesOfOneDocumentNeverMixTheirChunks() throws Exception {
    UUID file = UUID.randomUUID();
    for (int round = 0; round < 60; round++) {
      CyclicBarrier together = new CyclicBarrier(2);
      int v = round;
      CompletableFuture<?> five = CompletableFuture.runAsync(() -> {
        await(together);
        relayA.writeDocument(collection, file, chunks(file, 5, 10 + v));
      });
      CompletableFuture<?> two = CompletableFuture.runAsync(() -> {
        await(together);
        relayA.writeDocument(collection, file, chunks(file, 2, 1_000 + v));
      });
      CompletableFuture.allOf(five, two).get(30, TimeUnit.SECONDS);
      Map<UUID, String> rows = postgresContents();
      assertThat(rows.values().stream().map(c -> c.substring(c.indexOf(' ') + 1)).distinct())
          .as("round %d: the chunks of one version only: %s", round, rows).hasSize(1);
      assertThat(rows).hasSize(rows.values().iterator().next().endsWith("v" + (10 + v)) ? 5 : 2);
    }
    relayA.drain();
    assertQdrantMatchesPostgres();
  }

  @Test
  void deletingACollectionRowDropsItsPointsFromQdrantInsteadOfItsPendingRecords() {
    UUID pushed = UUID.randomUUID();
    relayA.writeDocument(collection, pushed, chunks(pushed, 2, 1));
    relayA.drain();
    UUID pending = UUID.randomUUID();
    relayA.writeDocument(collection, pending, chunks(pending, 2, 1));
    assertThat(vectors.count(collection, VectorFilter.none())).isEqualTo(2);

    Metadata metadata = Metadata.create(db);
    VectorCollection row = metadata.collections().findByName(collection).orElseThrow();
    metadata.collections().delete(row.id(), row.version());
    assertThat(relayA.pendingCount()).as("the delete leaves a record for Qdrant").isEqualTo(1);

    relayA.drain();
    assertThat(vectors.exists(collection)).as("the collection and its points are gone from Qdrant").isFalse();
    assertThat(relayA.pendingCount()).isZero();
  }

  @Test
  void writesThroughMetadataVectorsReachQdrantThroughTheOutbox() {
    UUID file = UUID.randomUUID();
    relayA.writeDocument(collection, file, chunks(file, 2, 1));
    relayA.drain();
    VectorMetadataRepository repository = Metadata.create(db).vectors();
    UUID collectionId = Metadata.create(db).collections().findByName(collection).orElseThrow().id();
    List<VectorRecord> records = repository.byDocument(collectionId, file.toString());

    repository.update(records.get(0).withContent("edited", "{\"content\": \"edited through Metadata.vectors()\"}"));
    repository.delete(records.get(1).id(), records.get(1).version());
    assertThat(relayA.pendingCount()).as("each write queued a record").isEqualTo(2);

    relayA.drain();
    assertThat(vectors.get(collection, List.of(DocumentChunk.pointId(file, 0)), false)).singleElement()
        .satisfies(p -> assertThat(p.payload()).containsEntry("content", "edited through Metadata.vectors()"));
    assertThat(vectors.get(collection, List.of(DocumentChunk.pointId(file, 1)), false)).isEmpty();
    assertQdrantMatchesPostgres();
  }

  @Test
  void outagePassesDoNotCountTowardMaxAttempts() throws Exception {
    UUID file = UUID.randomUUID();
    qdrant.stop();
    DocumentWrite write;
    try {
      write = relayA.writeDocument(collection, file, chunks(file, 1, 1));
      AtomicInteger outagePasses = new AtomicInteger();
      Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
          .until(() -> outagePasses.addAndGet(relayA.relay().deferred()) >= MAX_ATTEMPTS + 1);
    } finally {
      qdrant.restart();
      // the breaker opened during the outage: wait until it lets calls through again
      Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> vectors.exists(collection));
    }
    assertThat(outbox(write.outboxId(), "status")).isEqualTo("pending");
    assertThat(outbox(write.outboxId(), "attempts")).isEqualTo("0");

    // Qdrant is back but rejects the record (its collection was recreated with another size):
    // only now do attempts count, MAX_ATTEMPTS of them before the record fails.
    vectors.drop(collection);
    vectors.rawClient().createCollectionAsync(collection, VectorParams.newBuilder().setSize(2)
        .setDistance(io.qdrant.client.grpc.Collections.Distance.Dot).build()).get(10, TimeUnit.SECONDS);
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
      relayA.relay();
      return !"pending".equals(outbox(write.outboxId(), "status"));
    });
    assertThat(outbox(write.outboxId(), "status")).isEqualTo("failed");
    assertThat(outbox(write.outboxId(), "attempts")).isEqualTo(String.valueOf(MAX_ATTEMPTS));
    assertThat(outbox(write.outboxId(), "last_error")).contains("dimensions");
  }

  @Test
  void theRelayHoldsNoTransactionOpenWhileQdrantIsSlow() throws Exception {
    UUID file = UUID.randomUUID();
    DocumentWrite write = relayA.writeDocument(collection, file, chunks(file, 2, 1));
    slowLink.stall();
    CompletableFuture<RelayResult> slowPass;
    try {
      slowPass = CompletableFuture.supplyAsync(relayB::relay);
      assertThat(slowLink.heldBack().await(20, TimeUnit.SECONDS)).as("relay B's push is in flight").isTrue();

      assertThat(db.queryOne("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
          + " AND state LIKE 'idle in transaction%'", RowMapper.column(Long.class))).isZero();
      String status = db.inTransaction(tx -> tx.queryOne("SELECT status FROM citadel.vector_outbox WHERE id = ?"
          + " FOR UPDATE NOWAIT", RowMapper.column(String.class), write.outboxId()));
      assertThat(status).as("the record is leased, not locked").isEqualTo("pending");
      assertThat(relayA.relay().pushed()).as("another relay leaves a leased record alone").isZero();
    } finally {
      slowLink.resume();
    }
    assertThat(slowPass.get(30, TimeUnit.SECONDS).pushed()).isEqualTo(1);
    assertThat(outbox(write.outboxId(), "status")).isEqualTo("done");
    assertQdrantMatchesPostgres();
  }

  @Test
  void doneRecordsArePrunedAfterTheRetention() {
    UUID file = UUID.randomUUID();
    DocumentWrite kept = relayA.writeDocument(collection, file, chunks(file, 1, 1));
    relayA.drain();
    relayA.relay();
    assertThat(outbox(kept.outboxId(), "status")).as("within the default retention of 7 days").isEqualTo("done");

    QdrantConfig noRetention = vectors.config().toBuilder().syncRetention(Duration.ZERO).build();
    try (CitadelVectors pruningVectors = CitadelVectors.create(VectorTestConfigs.citadel(database, noRetention));
        VectorSync pruning = VectorSync.create(db, pruningVectors)) {
      DocumentWrite pruned = pruning.writeDocument(collection, file, chunks(file, 1, 2));
      pruning.drain();
      pruning.relay();
      assertThat(db.queryOne("SELECT count(*) FROM citadel.vector_outbox WHERE id IN (?, ?)",
          RowMapper.column(Long.class), kept.outboxId(), pruned.outboxId())).isZero();
    }
    assertQdrantMatchesPostgres();
  }

  // ------------------------------------------------------------------ helpers

  /** Chunks whose content and third vector component carry {@code version}. */
  private static List<DocumentChunk> chunks(UUID file, int n, int version) {
    List<DocumentChunk> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(DocumentChunk.builder(file, i).content("chunk" + i + " v" + version).documentTitle("doc " + file)
          .fileType("txt").vector(new float[] {1, i, version}).build());
    }
    return out;
  }

  private void drainBoth() {
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
      relayA.drain();
      relayB.drain();
      return relayA.pendingCount() == 0;
    });
  }

  /** Every point of the collection, id by id: the same content and vector on both sides, nothing more in Qdrant. */
  private void assertQdrantMatchesPostgres() {
    Map<UUID, List<Float>> postgres = new HashMap<>();
    db.query("SELECT m.point_id, m.embedding FROM citadel.vector_metadata m JOIN citadel.collections c"
        + " ON c.id = m.collection_id WHERE c.name = ?", rs -> postgres.put(rs.getObject(1, UUID.class),
        Arrays.stream((Object[]) rs.getArray(2).getArray()).map(v -> ((Number) v).floatValue()).toList()), collection);
    Map<UUID, String> postgresContents = postgresContents();
    Map<UUID, StoredPoint> inQdrant = new HashMap<>();
    vectors.forEach(collection, VectorFilter.none(), p -> inQdrant.put(p.id().uuid(), p));
    assertThat(inQdrant.keySet()).as("the same points").containsExactlyInAnyOrderElementsOf(postgres.keySet());
    List<PointId> ids = postgres.keySet().stream().map(PointId::of).toList();
    for (StoredPoint p : vectors.get(collection, ids, true)) {
      UUID id = p.id().uuid();
      assertThat(p.payload().get("content")).as("content of %s", id).isEqualTo(postgresContents.get(id));
      float[] vector = p.vector();
      assertThat(IntStream.range(0, vector.length).mapToObj(i -> vector[i]).toList()).as("vector of %s", id)
          .isEqualTo(postgres.get(id));
    }
  }

  private Map<UUID, String> qdrantContents() {
    Map<UUID, String> out = new HashMap<>();
    vectors.forEach(collection, VectorFilter.none(), p -> out.put(p.id().uuid(), (String) p.payload().get("content")));
    return out;
  }

  private Map<UUID, String> postgresContents() {
    Map<UUID, String> out = new HashMap<>();
    db.query("SELECT m.point_id, m.payload->>'content' FROM citadel.vector_metadata m JOIN citadel.collections c"
        + " ON c.id = m.collection_id WHERE c.name = ?", rs -> out.put(rs.getObject(1, UUID.class), rs.getString(2)),
        collection);
    return out;
  }

  private String outbox(long id, String column) {
    return db.queryOne("SELECT " + column + "::text FROM citadel.vector_outbox WHERE id = ?",
        RowMapper.column(String.class), id);
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
