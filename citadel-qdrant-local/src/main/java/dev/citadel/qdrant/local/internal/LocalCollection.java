package dev.citadel.qdrant.local.internal;

import dev.citadel.qdrant.local.internal.SparseVectors.Sparse;
import io.qdrant.client.grpc.Collections.CollectionConfig;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.CollectionStatus;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.HnswConfigDiff;
import io.qdrant.client.grpc.Collections.OptimizerStatus;
import io.qdrant.client.grpc.Collections.OptimizersConfigDiff;
import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.PayloadSchemaInfo;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.UpdateQueueInfo;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.WalConfigDiff;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.NamedVectors;
import io.qdrant.client.grpc.Points.NamedVectorsOutput;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SparseVector;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.VectorOutput;
import io.qdrant.client.grpc.Points.Vectors;
import io.qdrant.client.grpc.Points.VectorsOutput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One collection: points in id order, their dense vectors ({@link DenseVectors}, the unnamed
 * one and named ones) and sparse vectors ({@link SparseVectors}) by slot, payloads as Qdrant
 * values, payload index declarations. A read-write lock guards it: searches run in parallel,
 * updates one at a time. Thread-safe.
 */
final class LocalCollection {
  /** Slots per part of a parallel exact scan. */
  private static final int SCAN_PART_ROWS = 1024;

  /** One stored point (its vectors live in the vector stores, at the same slot). */
  private record Stored(PointKey key, Map<String, Value> payload) {}

  /** A declared payload index. */
  record FieldIndex(PayloadSchemaType type, PayloadIndexParams params) {}

  /**
   * A point of a ranking: its slot, id and score as reported (Euclid and Manhattan: a distance),
   * and for an order_by query the payload value it was ordered by.
   */
  record Hit(int slot, PointKey key, float score, io.qdrant.client.grpc.Points.OrderValue orderValue) {
    Hit(int slot, PointKey key, float score) {
      this(slot, key, score, null);
    }

    Hit withScore(float newScore) {
      return new Hit(slot, key, newScore, orderValue);
    }
  }

  /** Scores one slot with a larger-is-better similarity; NaN leaves the point out. */
  @FunctionalInterface
  interface SlotScorer {
    float score(int slot);
  }

  /** Which vectors a read returns: none, all, or the named ones. */
  record VectorSelection(boolean all, Set<String> names) {
    static final VectorSelection NONE = new VectorSelection(false, Set.of());
    static final VectorSelection ALL = new VectorSelection(true, Set.of());

    boolean any() {
      return all || !names.isEmpty();
    }

    boolean includes(String name) {
      return all || names.contains(name);
    }
  }

  private final SearchExecutor searchExecutor;
  private final String name;
  private final CreateCollection definition;
  private final Map<String, DenseVectors> dense;
  private final Map<String, SparseVectors> sparse;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final TreeMap<PointKey, Integer> slots = new TreeMap<>();
  private Stored[] stored = new Stored[1024];
  private int highWater;
  private int[] freeSlots = new int[16];
  private int freeCount;
  private final Map<String, FieldIndex> indexes = new LinkedHashMap<>();
  private long operations;

  private LocalCollection(String name, CreateCollection definition, Map<String, DenseVectors> dense,
      Map<String, SparseVectors> sparse, SearchExecutor searchExecutor) {
    this.searchExecutor = searchExecutor;
    this.name = name;
    this.definition = definition;
    this.dense = dense;
    this.sparse = sparse;
  }

  /** Validates a create request and builds the empty collection; large searches use {@code searchExecutor}. */
  static LocalCollection create(CreateCollection request, SearchExecutor searchExecutor) {
    String name = request.getCollectionName();
    validateName(name);
    if (request.getShardingMethodValue() != 0) {
      throw Errors.unimplemented("Custom sharding (shard keys)");
    }
    Map<String, DenseVectors> dense = new LinkedHashMap<>();
    if (request.hasVectorsConfig()) {
      switch (request.getVectorsConfig().getConfigCase()) {
        case PARAMS -> dense.put("", new DenseVectors("", request.getVectorsConfig().getParams()));
        case PARAMS_MAP -> {
          for (Map.Entry<String, VectorParams> e : new TreeMap<>(request.getVectorsConfig().getParamsMap().getMapMap())
              .entrySet()) {
            dense.put(e.getKey(), new DenseVectors(e.getKey(), e.getValue()));
          }
        }
        default -> throw Errors.invalid("Vectors config is empty");
      }
    }
    Map<String, SparseVectors> sparse = new LinkedHashMap<>();
    if (request.hasSparseVectorsConfig()) {
      for (Map.Entry<String, SparseVectorParams> e : new TreeMap<>(request.getSparseVectorsConfig().getMapMap())
          .entrySet()) {
        if (dense.containsKey(e.getKey())) {
          throw Errors.badInput("Vector name `" + e.getKey() + "` is used by a dense and a sparse vector");
        }
        sparse.put(e.getKey(), new SparseVectors(e.getKey(), e.getValue()));
      }
    }
    if (dense.isEmpty() && sparse.isEmpty()) {
      throw Errors.unimplemented("Collections without any vector");
    }
    return new LocalCollection(name, request, dense, sparse, searchExecutor);
  }

  /** Qdrant's collection name rule (validate_collection_name): 1 to 255 characters, none of these. */
  static void validateName(String name) {
    if (name.isEmpty() || name.length() > 255 || name.chars().anyMatch(c -> "<>:\"/\\|?*\0".indexOf(c) >= 0)) {
      throw Errors.invalid("Validation error in body: [collection_name: collection name '" + name
          + "' is empty, too long or contains one of <>:\"/\\|?* or NUL]");
    }
  }

  String name() {
    return name;
  }

  CreateCollection definition() {
    return definition;
  }

  // ---- vectors by name ----

  /** "Not existing vector name error" (segment OperationError::VectorNameNotExists). */
  static RuntimeException vectorNameNotExists(String vectorName) {
    return Errors.badInput("Not existing vector name error: " + vectorName);
  }

  boolean isSparse(String vectorName) {
    return sparse.containsKey(vectorName);
  }

  /** The dense vector of that name, or INVALID_ARGUMENT naming it. */
  DenseVectors denseVectors(String vectorName) {
    DenseVectors v = dense.get(vectorName);
    if (v == null) {
      throw vectorNameNotExists(vectorName);
    }
    return v;
  }

  /** The sparse vector of that name, or INVALID_ARGUMENT naming it. */
  SparseVectors sparseVectors(String vectorName) {
    SparseVectors v = sparse.get(vectorName);
    if (v == null) {
      throw vectorNameNotExists(vectorName);
    }
    return v;
  }

  /** Whether the point has a vector of that name (the has_vector condition); the caller holds the lock. */
  boolean hasVector(PointKey key, String vectorName) {
    Integer slot = slots.get(key);
    if (slot == null) {
      return false;
    }
    DenseVectors d = dense.get(vectorName);
    if (d != null) {
      return d.get(slot) != null;
    }
    SparseVectors s = sparse.get(vectorName);
    return s != null && s.get(slot) != null;
  }

  /** A compiled filter for this collection (null: every point). */
  PointPredicate filter(io.qdrant.client.grpc.Common.Filter filter) {
    return FilterCompiler.compile(filter, this::hasVector);
  }

  // ---- writes (callers log the request after it applied) ----

  /** One point's vectors, checked and preprocessed before the write lock is taken. */
  private record PointVectors(Map<String, float[]> dense, Map<String, Sparse> sparse) {}

  /** Upsert: every point checked first, so a bad one changes nothing. Returns the operation id. */
  long upsert(List<PointStruct> points) {
    List<PointKey> keys = new ArrayList<>(points.size());
    List<PointVectors> vectors = new ArrayList<>(points.size());
    for (PointStruct p : points) {
      PointKey key = PointKey.of(p.getId());
      keys.add(key);
      vectors.add(pointVectors(p, key));
    }
    lock.writeLock().lock();
    try {
      for (int i = 0; i < points.size(); i++) {
        PointKey key = keys.get(i);
        Integer slot = slots.get(key);
        if (slot == null) {
          slot = allocate();
          slots.put(key, slot);
        }
        PointVectors pv = vectors.get(i);
        for (DenseVectors d : dense.values()) {
          float[] v = pv.dense().get(d.name());
          if (v == null) {
            d.clear(slot);
          } else {
            d.set(slot, v);
          }
        }
        for (SparseVectors s : sparse.values()) {
          Sparse v = pv.sparse().get(s.name());
          if (v == null) {
            s.clear(slot);
          } else {
            s.set(slot, v);
          }
        }
        stored[slot] = new Stored(key, Map.copyOf(points.get(i).getPayloadMap()));
      }
      return ++operations;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private PointVectors pointVectors(PointStruct p, PointKey key) {
    if (!p.hasVectors()) {
      throw Errors.badInput("Vector is missing for point " + key);
    }
    Map<String, Vector> given;
    switch (p.getVectors().getVectorsOptionsCase()) {
      case VECTOR -> given = Map.of("", p.getVectors().getVector());
      case VECTORS -> given = p.getVectors().getVectors().getVectorsMap();
      default -> throw Errors.badInput("Vector is missing for point " + key);
    }
    Map<String, float[]> denseOut = new LinkedHashMap<>();
    Map<String, Sparse> sparseOut = new LinkedHashMap<>();
    for (Map.Entry<String, Vector> e : given.entrySet()) {
      DenseVectors d = dense.get(e.getKey());
      if (d != null) {
        denseOut.put(e.getKey(), d.prepare(denseData(e.getValue())));
      } else if (sparse.containsKey(e.getKey())) {
        sparseOut.put(e.getKey(), sparseData(e.getValue()));
      } else {
        throw vectorNameNotExists(e.getKey());
      }
    }
    return new PointVectors(denseOut, sparseOut);
  }

  /** The dense values of {@code v} (the {@code dense} field or the deprecated {@code data}). */
  @SuppressWarnings("deprecation")
  static List<Float> denseData(Vector v) {
    switch (v.getVectorCase()) {
      case DENSE -> {
        return v.getDense().getDataList();
      }
      case VECTOR_NOT_SET -> {
        if (v.hasIndices()) {
          throw Errors.badInput("Expected a dense vector, got a sparse one");
        }
        return v.getDataList();
      }
      case SPARSE -> throw Errors.badInput("Expected a dense vector, got a sparse one");
      case MULTI_DENSE -> throw Errors.unimplemented("Multivectors");
      default -> throw Errors.unimplemented("Inference objects as vectors (" + v.getVectorCase() + ")");
    }
  }

  /** The sparse vector of {@code v} (the {@code sparse} field or the deprecated data + indices). */
  @SuppressWarnings("deprecation")
  static Sparse sparseData(Vector v) {
    switch (v.getVectorCase()) {
      case SPARSE -> {
        return Sparse.of(v.getSparse().getIndicesList(), v.getSparse().getValuesList());
      }
      case VECTOR_NOT_SET -> {
        if (!v.hasIndices()) {
          throw Errors.badInput("Expected a sparse vector, got a dense one");
        }
        return Sparse.of(v.getIndices().getDataList(), v.getDataList());
      }
      case DENSE -> throw Errors.badInput("Expected a sparse vector, got a dense one");
      case MULTI_DENSE -> throw Errors.unimplemented("Multivectors");
      default -> throw Errors.unimplemented("Inference objects as vectors (" + v.getVectorCase() + ")");
    }
  }

  private int allocate() {
    if (freeCount > 0) {
      return freeSlots[--freeCount];
    }
    int slot = highWater++;
    if (slot == stored.length) {
      stored = Arrays.copyOf(stored, stored.length * 2);
    }
    return slot;
  }

  /** Deletes the given points (missing ones are ignored, as in Qdrant). */
  long delete(Collection<PointKey> keys) {
    lock.writeLock().lock();
    try {
      for (PointKey key : keys) {
        Integer slot = slots.remove(key);
        if (slot != null) {
          stored[slot] = null;
          dense.values().forEach(d -> d.clear(slot));
          sparse.values().forEach(s -> s.clear(slot));
          if (freeCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
          }
          freeSlots[freeCount++] = slot;
        }
      }
      return ++operations;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The ids matching {@code filter}, in id order. */
  List<PointKey> matching(io.qdrant.client.grpc.Common.Filter filterMessage) {
    PointPredicate filter = filter(filterMessage);
    lock.readLock().lock();
    try {
      List<PointKey> out = new ArrayList<>();
      slots.forEach((key, slot) -> {
        if (filter.test(key, stored[slot].payload())) {
          out.add(key);
        }
      });
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** How a payload update changes one point's payload. */
  @FunctionalInterface
  interface PayloadChange {
    Map<String, Value> apply(Map<String, Value> current);
  }

  /**
   * Applies {@code change} to each point; points that exist are changed, then the first missing
   * one is NOT_FOUND "No point with id ... found" (segments_updater check_unprocessed_points).
   */
  long changePayload(List<PointKey> keys, PayloadChange change) {
    lock.writeLock().lock();
    try {
      PointKey missing = null;
      for (PointKey key : keys) {
        Integer slot = slots.get(key);
        if (slot == null) {
          missing = missing == null ? key : missing;
          continue;
        }
        Stored s = stored[slot];
        stored[slot] = new Stored(s.key(), Map.copyOf(change.apply(new LinkedHashMap<>(s.payload()))));
      }
      operations++;
      if (missing != null) {
        throw Errors.pointNotFound(missing);
      }
      return operations;
    } finally {
      lock.writeLock().unlock();
    }
  }

  long createIndex(String field, FieldIndex index) {
    JsonPath.parse(field);
    lock.writeLock().lock();
    try {
      indexes.put(field, index);
      return ++operations;
    } finally {
      lock.writeLock().unlock();
    }
  }

  long deleteIndex(String field) {
    lock.writeLock().lock();
    try {
      indexes.remove(field);
      return ++operations;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The declared payload indexes; the caller holds the lock. */
  Map<String, FieldIndex> indexesUnlocked() {
    return indexes;
  }

  Map<String, FieldIndex> indexes() {
    lock.readLock().lock();
    try {
      return Map.copyOf(indexes);
    } finally {
      lock.readLock().unlock();
    }
  }

  // ---- reads ----

  /** Runs {@code read} under the read lock: one consistent view for a whole (multi-stage) query. */
  <T> T read(Supplier<T> read) {
    lock.readLock().lock();
    try {
      return read.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The slot of a point, or null; the caller holds the lock. */
  Integer slotOf(PointKey key) {
    return slots.get(key);
  }

  /** The payload of the point in {@code slot}; the caller holds the lock. */
  Map<String, Value> payload(int slot) {
    return stored[slot].payload();
  }

  PointKey keyOf(int slot) {
    return stored[slot].key();
  }

  /** Every live slot in id order; the caller holds the lock. */
  Collection<Integer> slotsInIdOrder() {
    return slots.values();
  }

  /** Points in request order, each once, missing ones skipped (collection point_ops retrieve). */
  List<RetrievedPoint> get(List<PointId> ids, UnaryOperator<Map<String, Value>> payload, VectorSelection vectors) {
    checkSelection(vectors);
    List<PointKey> keys = new ArrayList<>(ids.size());
    for (PointId id : ids) {
      keys.add(PointKey.of(id));
    }
    return read(() -> {
      List<RetrievedPoint> out = new ArrayList<>();
      Set<PointKey> seen = new HashSet<>();
      for (PointKey key : keys) {
        Integer slot = slots.get(key);
        if (slot != null && seen.add(key)) {
          out.add(retrieved(slot, payload, vectors));
        }
      }
      return out;
    });
  }

  /** Unknown names in a with_vectors selection are INVALID_ARGUMENT. */
  void checkSelection(VectorSelection vectors) {
    for (String n : vectors.names()) {
      if (!dense.containsKey(n) && !sparse.containsKey(n)) {
        throw vectorNameNotExists(n);
      }
    }
  }

  private RetrievedPoint retrieved(int slot, UnaryOperator<Map<String, Value>> payload, VectorSelection vectors) {
    Stored s = stored[slot];
    RetrievedPoint.Builder b = RetrievedPoint.newBuilder().setId(s.key().toProto());
    if (payload != null) {
      b.putAllPayload(payload.apply(s.payload()));
    }
    if (vectors.any()) {
      b.setVectors(vectorsOutput(slot, vectors));
    }
    return b.build();
  }

  /**
   * The selected vectors of a point: a lone unnamed vector as {@code vector}, anything else as
   * the {@code vectors} map (Qdrant's VectorStructInternal from a map with only the default name).
   */
  private VectorsOutput vectorsOutput(int slot, VectorSelection selection) {
    Map<String, VectorOutput> out = new LinkedHashMap<>();
    dense.forEach((n, d) -> {
      float[] v = d.get(slot);
      if (v != null && selection.includes(n)) {
        DenseVector.Builder b = DenseVector.newBuilder();
        for (float f : v) {
          b.addData(f);
        }
        out.put(n, VectorOutput.newBuilder().setDense(b).build());
      }
    });
    sparse.forEach((n, s) -> {
      Sparse v = s.get(slot);
      if (v != null && selection.includes(n)) {
        out.put(n, VectorOutput.newBuilder().setSparse(sparseProto(v)).build());
      }
    });
    if (out.size() == 1 && out.containsKey("")) {
      return VectorsOutput.newBuilder().setVector(out.get("")).build();
    }
    return VectorsOutput.newBuilder().setVectors(NamedVectorsOutput.newBuilder().putAllVectors(out)).build();
  }

  private static SparseVector sparseProto(Sparse v) {
    SparseVector.Builder b = SparseVector.newBuilder();
    for (int i = 0; i < v.indices().length; i++) {
      b.addIndices(v.indices()[i]).addValues(v.values()[i]);
    }
    return b.build();
  }

  /** A page of points in id order from {@code offset} (inclusive), and the next page's first id. */
  record Page(List<RetrievedPoint> points, PointKey next) {}

  Page scroll(PointKey offset, int limit, PointPredicate filter, UnaryOperator<Map<String, Value>> payload,
      VectorSelection vectors) {
    checkSelection(vectors);
    return read(() -> {
      List<RetrievedPoint> out = new ArrayList<>();
      Map<PointKey, Integer> from = offset == null ? slots : slots.tailMap(offset, true);
      for (Map.Entry<PointKey, Integer> e : from.entrySet()) {
        int slot = e.getValue();
        if (!filter.test(e.getKey(), stored[slot].payload())) {
          continue;
        }
        if (out.size() == limit) {
          return new Page(out, e.getKey());
        }
        out.add(retrieved(slot, payload, vectors));
      }
      return new Page(out, null);
    });
  }

  long count(PointPredicate filter) {
    return read(() -> {
      if (filter == PointPredicate.ALL) {
        return (long) slots.size();
      }
      long n = 0;
      for (Map.Entry<PointKey, Integer> e : slots.entrySet()) {
        if (filter.test(e.getKey(), stored[e.getValue()].payload())) {
          n++;
        }
      }
      return n;
    });
  }

  /**
   * The best {@code top} points by {@code scorer} (larger is better; NaN leaves a point out)
   * among {@code candidates} (null: every point, scanned in parallel) that pass {@code filter},
   * ties by id, best first, reported through {@code distance}'s postprocessing (null: as
   * scored), cut at the first that fails {@code threshold}. The caller holds the read lock.
   */
  List<Hit> rank(int[] candidates, PointPredicate filter, SlotScorer scorer, int top, Float threshold,
      Distance distance) {
    boolean all = filter == PointPredicate.ALL;
    int capacity = Math.max(0, Math.min(top, Math.max(1, candidates == null ? slots.size() : candidates.length)));
    TopK best;
    if (candidates == null) {
      best = searchExecutor.scan(highWater, SCAN_PART_ROWS, () -> new TopK(capacity), (part, from, to) -> {
        for (int slot = from; slot < to; slot++) {
          Stored s = stored[slot];
          if (s != null && (all || filter.test(s.key(), s.payload()))) {
            float score = scorer.score(slot);
            if (!Float.isNaN(score)) {
              part.offer(score, slot, s.key());
            }
          }
        }
      }, TopK::merge);
    } else {
      best = new TopK(capacity);
      for (int slot : candidates) {
        Stored s = stored[slot];
        if (s != null && (all || filter.test(s.key(), s.payload()))) {
          float score = scorer.score(slot);
          if (!Float.isNaN(score)) {
            best.offer(score, slot, s.key());
          }
        }
      }
    }
    return hits(best, threshold, distance);
  }

  /** The heap's points best first, postprocessed, cut at the threshold (take-while, as Qdrant does). */
  List<Hit> hits(TopK best, Float threshold, Distance distance) {
    int[] order = best.sortedSlots();
    float[] scores = best.sortedScores();
    List<Hit> out = new ArrayList<>(order.length);
    for (int i = 0; i < order.length; i++) {
      float score = distance == null ? scores[i] : VectorMath.postprocess(distance, scores[i]);
      if (threshold != null && !(distance == null ? score > threshold
          : VectorMath.passes(distance, score, threshold))) {
        break;
      }
      out.add(new Hit(order[i], stored[order[i]].key(), score));
    }
    return out;
  }

  /** The answer for one hit; the caller holds the read lock. */
  ScoredPoint scored(Hit hit, UnaryOperator<Map<String, Value>> payload, VectorSelection vectors) {
    ScoredPoint.Builder b = ScoredPoint.newBuilder().setId(hit.key().toProto()).setScore(hit.score());
    if (hit.orderValue() != null) {
      b.setOrderValue(hit.orderValue());
    }
    if (payload != null) {
      b.putAllPayload(payload.apply(stored[hit.slot()].payload()));
    }
    if (vectors.any()) {
      b.setVectors(vectorsOutput(hit.slot(), vectors));
    }
    return b.build();
  }

  /** Every point as an upsertable struct, in id order (for compacting the operation log). */
  List<PointStruct> snapshot() {
    return read(() -> {
      List<PointStruct> out = new ArrayList<>(slots.size());
      slots.forEach((key, slot) -> {
        Map<String, Vector> vectors = new LinkedHashMap<>();
        dense.forEach((n, d) -> {
          float[] v = d.get(slot);
          if (v != null) {
            DenseVector.Builder b = DenseVector.newBuilder();
            for (float f : v) {
              b.addData(f);
            }
            vectors.put(n, Vector.newBuilder().setDense(b).build());
          }
        });
        sparse.forEach((n, s) -> {
          Sparse v = s.get(slot);
          if (v != null) {
            vectors.put(n, Vector.newBuilder().setSparse(sparseProto(v)).build());
          }
        });
        Vectors.Builder vb = Vectors.newBuilder();
        if (vectors.size() == 1 && vectors.containsKey("")) {
          vb.setVector(vectors.get(""));
        } else {
          vb.setVectors(NamedVectors.newBuilder().putAllVectors(vectors));
        }
        out.add(PointStruct.newBuilder().setId(key.toProto()).putAllPayload(stored[slot].payload())
            .setVectors(vb).build());
      });
      return out;
    });
  }

  /** Collection info with Qdrant's defaults for what the create request left out. */
  CollectionInfo info() {
    return read(() -> {
      CreateCollection d = definition;
      HnswConfigDiff.Builder hnsw = HnswConfigDiff.newBuilder().setM(16).setEfConstruct(100)
          .setFullScanThreshold(10_000).setMaxIndexingThreads(0).setOnDisk(false);
      if (d.hasHnswConfig()) {
        hnsw.mergeFrom(d.getHnswConfig());
      }
      OptimizersConfigDiff.Builder optimizers = OptimizersConfigDiff.newBuilder().setDeletedThreshold(0.2)
          .setVacuumMinVectorNumber(1000).setDefaultSegmentNumber(0).setFlushIntervalSec(5);
      if (d.hasOptimizersConfig()) {
        optimizers.mergeFrom(d.getOptimizersConfig());
      }
      WalConfigDiff.Builder wal = WalConfigDiff.newBuilder().setWalCapacityMb(32).setWalSegmentsAhead(0);
      if (d.hasWalConfig()) {
        wal.mergeFrom(d.getWalConfig());
      }
      CollectionParams.Builder params = CollectionParams.newBuilder()
          .setShardNumber(d.hasShardNumber() ? d.getShardNumber() : 1)
          .setOnDiskPayload(!d.hasOnDiskPayload() || d.getOnDiskPayload())
          .setReplicationFactor(d.hasReplicationFactor() ? d.getReplicationFactor() : 1)
          .setWriteConsistencyFactor(d.hasWriteConsistencyFactor() ? d.getWriteConsistencyFactor() : 1);
      if (d.hasVectorsConfig()) {
        params.setVectorsConfig(d.getVectorsConfig());
      }
      if (d.hasSparseVectorsConfig()) {
        params.setSparseVectorsConfig(d.getSparseVectorsConfig());
      }
      CollectionConfig.Builder config = CollectionConfig.newBuilder().setParams(params).setHnswConfig(hnsw)
          .setOptimizerConfig(optimizers).setWalConfig(wal).putAllMetadata(d.getMetadataMap());
      if (d.hasQuantizationConfig()) {
        config.setQuantizationConfig(d.getQuantizationConfig());
      }
      CollectionInfo.Builder info = CollectionInfo.newBuilder().setStatus(CollectionStatus.Green)
          .setOptimizerStatus(OptimizerStatus.newBuilder().setOk(true)).setSegmentsCount(1).setConfig(config)
          .setPointsCount(slots.size()).setIndexedVectorsCount(0)
          .setUpdateQueue(UpdateQueueInfo.newBuilder().setLength(0));
      indexes.forEach((field, index) -> {
        JsonPath path = JsonPath.parse(field);
        long withValue = slots.values().stream()
            .filter(slot -> path.get(stored[slot].payload()).stream().anyMatch(v -> !v.hasNullValue()))
            .count();
        PayloadSchemaInfo.Builder schema = PayloadSchemaInfo.newBuilder().setDataType(index.type()).setPoints(withValue);
        if (index.params() != null) {
          schema.setParams(index.params());
        }
        info.putPayloadSchema(field, schema.build());
      });
      return info.build();
    });
  }
}
