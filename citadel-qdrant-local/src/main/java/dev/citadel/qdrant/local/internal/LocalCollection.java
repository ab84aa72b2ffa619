package dev.citadel.qdrant.local.internal;

import com.google.protobuf.Internal;
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
import io.qdrant.client.grpc.Collections.UpdateQueueInfo;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.WalConfigDiff;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.VectorOutput;
import io.qdrant.client.grpc.Points.VectorsOutput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.UnaryOperator;

/**
 * One collection: points in id order, their vectors in contiguous chunks (exact search scans
 * them), payloads as Qdrant values, payload index declarations. A read-write lock guards it:
 * searches run in parallel, updates one at a time. Thread-safe.
 */
final class LocalCollection {
  private static final int CHUNK_ROWS = 1024;

  /** One stored point (the vector lives in the chunk arrays, at the same slot). */
  private record Stored(PointKey key, Map<String, Value> payload) {}

  /** A declared payload index. */
  record FieldIndex(PayloadSchemaType type, PayloadIndexParams params) {}

  private final SearchExecutor searchExecutor;
  private final String name;
  private final CreateCollection definition;
  private final int dim;
  private final Distance distance;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final TreeMap<PointKey, Integer> slots = new TreeMap<>();
  private final List<float[]> chunks = new ArrayList<>();
  private Stored[] stored = new Stored[CHUNK_ROWS];
  private int highWater;
  private int[] freeSlots = new int[16];
  private int freeCount;
  private final Map<String, FieldIndex> indexes = new LinkedHashMap<>();
  private long operations;

  private LocalCollection(String name, CreateCollection definition, int dim, Distance distance,
      SearchExecutor searchExecutor) {
    this.searchExecutor = searchExecutor;
    this.name = name;
    this.definition = definition;
    this.dim = dim;
    this.distance = distance;
  }

  /** Validates a create request and builds the empty collection; large searches use {@code searchExecutor}. */
  static LocalCollection create(CreateCollection request, SearchExecutor searchExecutor) {
    String name = request.getCollectionName();
    validateName(name);
    if (!request.hasVectorsConfig()) {
      throw Errors.unimplemented("Collections without a dense vector (sparse-only)");
    }
    switch (request.getVectorsConfig().getConfigCase()) {
      case PARAMS -> { }
      case PARAMS_MAP -> throw Errors.unimplemented("Named vectors (vectors_config.params_map)");
      default -> throw Errors.invalid("Vectors config is empty");
    }
    if (request.hasSparseVectorsConfig() && request.getSparseVectorsConfig().getMapCount() > 0) {
      throw Errors.unimplemented("Sparse vectors");
    }
    if (request.getShardingMethodValue() != 0) {
      throw Errors.unimplemented("Custom sharding (shard keys)");
    }
    VectorParams params = request.getVectorsConfig().getParams();
    if (params.hasMultivectorConfig()) {
      throw Errors.unimplemented("Multivectors");
    }
    if (params.hasDatatype() && params.getDatatypeValue() > 1) {
      throw Errors.unimplemented("Vector datatypes other than float32");
    }
    if (params.getSize() < 1 || params.getSize() > 65_536) {
      throw Errors.invalid("Validation error in body: [vectors_config.size: value " + params.getSize()
          + " invalid, must be from 1 to 65536]");
    }
    Distance distance = params.getDistance();
    if (distance == Distance.UnknownDistance || distance == Distance.UNRECOGNIZED) {
      throw Errors.invalid("Unknown distance: " + params.getDistanceValue());
    }
    return new LocalCollection(name, request, (int) params.getSize(), distance, searchExecutor);
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

  // ---- writes (callers log the request after it applied) ----

  /** Upsert: every point checked first, so a bad one changes nothing. Returns the operation id. */
  long upsert(List<PointStruct> points) {
    List<PointKey> keys = new ArrayList<>(points.size());
    List<float[]> vectors = new ArrayList<>(points.size());
    for (PointStruct p : points) {
      keys.add(PointKey.of(p.getId()));
      vectors.add(VectorMath.preprocess(distance, denseVector(p)));
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
        write(slot, vectors.get(i));
        stored[slot] = new Stored(key, Map.copyOf(points.get(i).getPayloadMap()));
      }
      return ++operations;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private float[] denseVector(PointStruct p) {
    if (!p.hasVectors()) {
      throw Errors.badInput("Vector is missing for point " + PointKey.of(p.getId()));
    }
    Vector v;
    switch (p.getVectors().getVectorsOptionsCase()) {
      case VECTOR -> v = p.getVectors().getVector();
      case VECTORS -> {
        Map<String, Vector> named = p.getVectors().getVectors().getVectorsMap();
        if (named.size() != 1 || !named.containsKey("")) {
          throw Errors.unimplemented("Named vectors");
        }
        v = named.get("");
      }
      default -> throw Errors.badInput("Vector is missing for point " + PointKey.of(p.getId()));
    }
    return dense(v);
  }

  /** The dense values of {@code v} (the {@code dense} field or the deprecated {@code data}). */
  @SuppressWarnings("deprecation")
  float[] dense(Vector v) {
    List<Float> data;
    switch (v.getVectorCase()) {
      case DENSE -> data = v.getDense().getDataList();
      case VECTOR_NOT_SET -> {
        if (v.hasIndices()) {
          throw Errors.unimplemented("Sparse vectors");
        }
        data = v.getDataList();
      }
      default -> throw Errors.unimplemented("Vectors other than dense (" + v.getVectorCase() + ")");
    }
    return checkedDimension(data);
  }

  float[] checkedDimension(List<Float> data) {
    if (data.size() != dim) {
      throw Errors.dimension(dim, data.size());
    }
    float[] out = new float[dim];
    if (data instanceof Internal.FloatList floats) {
      // protobuf's own list: read primitives instead of boxing every element
      for (int i = 0; i < dim; i++) {
        out[i] = floats.getFloat(i);
      }
    } else {
      for (int i = 0; i < dim; i++) {
        out[i] = data.get(i);
      }
    }
    return out;
  }

  private int allocate() {
    if (freeCount > 0) {
      return freeSlots[--freeCount];
    }
    int slot = highWater++;
    if (slot % CHUNK_ROWS == 0) {
      chunks.add(new float[CHUNK_ROWS * dim]);
    }
    if (slot == stored.length) {
      stored = Arrays.copyOf(stored, stored.length * 2);
    }
    return slot;
  }

  /** Chunks are column-major: dimension i of the chunk's row r is at {@code i * CHUNK_ROWS + r}. */
  private void write(int slot, float[] vector) {
    float[] chunk = chunks.get(slot / CHUNK_ROWS);
    int row = slot % CHUNK_ROWS;
    for (int i = 0; i < dim; i++) {
      chunk[i * CHUNK_ROWS + row] = vector[i];
    }
  }

  private float[] read(int slot) {
    float[] chunk = chunks.get(slot / CHUNK_ROWS);
    int row = slot % CHUNK_ROWS;
    float[] out = new float[dim];
    for (int i = 0; i < dim; i++) {
      out[i] = chunk[i * CHUNK_ROWS + row];
    }
    return out;
  }

  /** Deletes the given points (missing ones are ignored, as in Qdrant). */
  long delete(Collection<PointKey> keys) {
    lock.writeLock().lock();
    try {
      for (PointKey key : keys) {
        Integer slot = slots.remove(key);
        if (slot != null) {
          stored[slot] = null;
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
  List<PointKey> matching(PointPredicate filter) {
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

  Map<String, FieldIndex> indexes() {
    lock.readLock().lock();
    try {
      return Map.copyOf(indexes);
    } finally {
      lock.readLock().unlock();
    }
  }

  // ---- reads ----

  /** Points in request order, each once, missing ones skipped (collection point_ops retrieve). */
  List<RetrievedPoint> get(List<PointId> ids, UnaryOperator<Map<String, Value>> payload, boolean withVectors) {
    List<PointKey> keys = new ArrayList<>(ids.size());
    for (PointId id : ids) {
      keys.add(PointKey.of(id));
    }
    lock.readLock().lock();
    try {
      List<RetrievedPoint> out = new ArrayList<>();
      java.util.Set<PointKey> seen = new java.util.HashSet<>();
      for (PointKey key : keys) {
        Integer slot = slots.get(key);
        if (slot != null && seen.add(key)) {
          out.add(retrieved(slot, payload, withVectors));
        }
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  private RetrievedPoint retrieved(int slot, UnaryOperator<Map<String, Value>> payload, boolean withVectors) {
    Stored s = stored[slot];
    RetrievedPoint.Builder b = RetrievedPoint.newBuilder().setId(s.key().toProto());
    if (payload != null) {
      b.putAllPayload(payload.apply(s.payload()));
    }
    if (withVectors) {
      b.setVectors(vectorOutput(slot));
    }
    return b.build();
  }

  private VectorsOutput vectorOutput(int slot) {
    return VectorsOutput.newBuilder().setVector(VectorOutput.newBuilder().setDense(dense(slot))).build();
  }

  private DenseVector.Builder dense(int slot) {
    DenseVector.Builder dense = DenseVector.newBuilder();
    for (float f : read(slot)) {
      dense.addData(f);
    }
    return dense;
  }

  /** A page of points in id order from {@code offset} (inclusive), and the next page's first id. */
  record Page(List<RetrievedPoint> points, PointKey next) {}

  Page scroll(PointKey offset, int limit, PointPredicate filter, UnaryOperator<Map<String, Value>> payload,
      boolean withVectors) {
    lock.readLock().lock();
    try {
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
        out.add(retrieved(slot, payload, withVectors));
      }
      return new Page(out, null);
    } finally {
      lock.readLock().unlock();
    }
  }

  long count(PointPredicate filter) {
    lock.readLock().lock();
    try {
      if (filter == PointPredicate.ALL) {
        return slots.size();
      }
      long n = 0;
      for (Map.Entry<PointKey, Integer> e : slots.entrySet()) {
        if (filter.test(e.getKey(), stored[e.getValue()].payload())) {
          n++;
        }
      }
      return n;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Exact nearest neighbours: every point's score, the best {@code limit + offset} kept, ties by
   * id, then offset skipped and the threshold applied to the reported score.
   */
  List<ScoredPoint> search(float[] rawQuery, PointPredicate filter, int limit, int offset, Float threshold,
      UnaryOperator<Map<String, Value>> payload, boolean withVectors) {
    float[] query = VectorMath.preprocess(distance, rawQuery);
    int top = (int) Math.min(Integer.MAX_VALUE - 1L, (long) limit + offset);
    lock.readLock().lock();
    try {
      int capacity = Math.min(top, Math.max(1, slots.size()));
      TopK best = searchExecutor.scan(highWater, CHUNK_ROWS, () -> new TopK(capacity),
          (part, from, to) -> scan(query, filter, from, to, part), TopK::merge);
      int[] order = best.sortedSlots();
      float[] scores = best.sortedScores();
      List<ScoredPoint> out = new ArrayList<>();
      for (int i = offset; i < order.length && out.size() < limit; i++) {
        float score = VectorMath.postprocess(distance, scores[i]);
        if (threshold != null && !VectorMath.passes(distance, score, threshold)) {
          break;
        }
        int slot = order[i];
        ScoredPoint.Builder b = ScoredPoint.newBuilder().setId(stored[slot].key().toProto()).setScore(score);
        if (payload != null) {
          b.putAllPayload(payload.apply(stored[slot].payload()));
        }
        if (withVectors) {
          b.setVectors(vectorOutput(slot));
        }
        out.add(b.build());
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Scores slots [from, to) into {@code best}, a chunk at a time; the caller holds the read lock. */
  private void scan(float[] query, PointPredicate filter, int from, int to, TopK best) {
    boolean all = filter == PointPredicate.ALL;
    float[] similarities = new float[CHUNK_ROWS];
    for (int chunk = from / CHUNK_ROWS; chunk * CHUNK_ROWS < to; chunk++) {
      VectorMath.similarities(distance, query, chunks.get(chunk), CHUNK_ROWS, similarities);
      int first = Math.max(from, chunk * CHUNK_ROWS);
      int end = Math.min(to, (chunk + 1) * CHUNK_ROWS);
      for (int slot = first; slot < end; slot++) {
        Stored s = stored[slot];
        if (s != null && (all || filter.test(s.key(), s.payload()))) {
          best.offer(similarities[slot - chunk * CHUNK_ROWS], slot, s.key());
        }
      }
    }
  }

  /** Every point as an upsertable struct, in id order (for compacting the operation log). */
  List<PointStruct> snapshot() {
    lock.readLock().lock();
    try {
      List<PointStruct> out = new ArrayList<>(slots.size());
      slots.forEach((key, slot) -> out.add(PointStruct.newBuilder().setId(key.toProto())
          .putAllPayload(stored[slot].payload())
          .setVectors(io.qdrant.client.grpc.Points.Vectors.newBuilder().setVector(Vector.newBuilder().setDense(dense(slot))))
          .build()));
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Collection info with Qdrant's defaults for what the create request left out. */
  CollectionInfo info() {
    lock.readLock().lock();
    try {
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
          .setVectorsConfig(d.getVectorsConfig())
          .setReplicationFactor(d.hasReplicationFactor() ? d.getReplicationFactor() : 1)
          .setWriteConsistencyFactor(d.hasWriteConsistencyFactor() ? d.getWriteConsistencyFactor() : 1);
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
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A bounded min-heap of (similarity, slot), worst on top; ties broken by point id. */
  static final class TopK {
    private final float[] scores;
    private final int[] slotsHeap;
    private final PointKey[] keys;
    private int size;

    TopK(int capacity) {
      scores = new float[capacity];
      slotsHeap = new int[capacity];
      keys = new PointKey[capacity];
    }

    /** True when (a, ka) ranks worse than (b, kb): lower score, or equal score and larger id. */
    private static boolean worse(float a, PointKey ka, float b, PointKey kb) {
      return a < b || (a == b && ka.compareTo(kb) > 0);
    }

    void offer(float score, int slot, PointKey key) {
      if (scores.length == 0) {
        return;
      }
      if (size < scores.length) {
        int i = size++;
        scores[i] = score;
        slotsHeap[i] = slot;
        keys[i] = key;
        siftUp(i);
      } else if (worse(scores[0], keys[0], score, key)) {
        scores[0] = score;
        slotsHeap[0] = slot;
        keys[0] = key;
        siftDown(0);
      }
    }

    private void siftUp(int i) {
      while (i > 0) {
        int parent = (i - 1) / 2;
        if (!worse(scores[i], keys[i], scores[parent], keys[parent])) {
          return;
        }
        swap(i, parent);
        i = parent;
      }
    }

    private void siftDown(int i) {
      while (true) {
        int l = 2 * i + 1;
        int r = l + 1;
        int worst = i;
        if (l < size && worse(scores[l], keys[l], scores[worst], keys[worst])) {
          worst = l;
        }
        if (r < size && worse(scores[r], keys[r], scores[worst], keys[worst])) {
          worst = r;
        }
        if (worst == i) {
          return;
        }
        swap(i, worst);
        i = worst;
      }
    }

    private void swap(int a, int b) {
      float s = scores[a];
      scores[a] = scores[b];
      scores[b] = s;
      int t = slotsHeap[a];
      slotsHeap[a] = slotsHeap[b];
      slotsHeap[b] = t;
      PointKey k = keys[a];
      keys[a] = keys[b];
      keys[b] = k;
    }

    /** Offers every entry of {@code other} to this heap. */
    TopK merge(TopK other) {
      for (int i = 0; i < other.size; i++) {
        offer(other.scores[i], other.slotsHeap[i], other.keys[i]);
      }
      return this;
    }

    /** Drains the heap: best first. */
    private void drain() {
      int n = size;
      float[] s = new float[n];
      int[] sl = new int[n];
      for (int i = n - 1; i >= 0; i--) {
        s[i] = scores[0];
        sl[i] = slotsHeap[0];
        size--;
        if (size > 0) {
          swap(0, size);
          siftDown(0);
        }
      }
      sortedScores = s;
      sortedSlots = sl;
    }

    private float[] sortedScores;
    private int[] sortedSlots;

    int[] sortedSlots() {
      if (sortedSlots == null) {
        drain();
      }
      return sortedSlots;
    }

    float[] sortedScores() {
      if (sortedScores == null) {
        drain();
      }
      return sortedScores;
    }
  }
}
