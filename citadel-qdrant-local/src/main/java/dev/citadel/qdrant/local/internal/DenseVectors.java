package dev.citadel.qdrant.local.internal;

import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One dense vector of a collection (the unnamed {@code ""} one or a named one): each point's
 * vector as its own array, indexed by the point's slot, preprocessed for the distance at insert
 * (Cosine: normalised). An update replaces the array and never writes into it, so a snapshot of
 * the references (the index builder's) stays consistent. Guarded by the collection's lock.
 *
 * <p>With indexing on, an HNSW graph ({@link HnswGraphs}) covers the points as of its snapshot;
 * the points written since are listed (slot and array) and searched exactly next to the graph,
 * and graph nodes whose point changed since are tombstones. A background build extends the
 * graph by the new points, or rebuilds it when tombstones pass 20% of its nodes (Qdrant's
 * default {@code deleted_threshold}).
 */
final class DenseVectors {
  /** HNSW and threshold settings in effect for this vector (Qdrant's units: kilobytes of vectors). */
  record IndexConfig(int m, int efConstruct, long fullScanThresholdKb, long indexingThresholdKb, int maxThreads) {
    boolean enabled() {
      return m > 0 && indexingThresholdKb > 0;
    }
  }

  /** A build's input, taken under the lock: the points to put in the graph and where the change list stood. */
  record Plan(int[] slots, float[][] vectors, int size, HnswGraphs.Graph previous, int changesMark) {}

  /** Fewest changed points that start an incremental build. */
  private static final int MIN_DELTA = 1024;

  private final String name;
  private final VectorParams params;
  private final int dim;
  private final Distance distance;
  private float[][] bySlot = new float[1024][];
  private int count;
  private final IndexConfig index;
  private volatile HnswGraphs.Graph graph;
  private int[] changedSlots = new int[64];
  private float[][] changedVectors = new float[64][];
  private int changes;
  private int tombstones;
  private final AtomicBoolean building = new AtomicBoolean();
  private final AtomicBoolean idleCheck = new AtomicBoolean();
  private volatile long lastWriteNanos = System.nanoTime();

  DenseVectors(String name, VectorParams params, IndexConfig index) {
    this.index = index;
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
    if (params.getDistance() == Distance.UnknownDistance || params.getDistance() == Distance.UNRECOGNIZED) {
      throw Errors.invalid("Unknown distance: " + params.getDistanceValue());
    }
    this.name = name;
    this.params = params;
    this.dim = (int) params.getSize();
    this.distance = params.getDistance();
  }

  String name() {
    return name;
  }

  VectorParams params() {
    return params;
  }

  int dim() {
    return dim;
  }

  Distance distance() {
    return distance;
  }

  int count() {
    return count;
  }

  /** The stored (preprocessed) vector of {@code slot}, or null. Never modify it. */
  float[] get(int slot) {
    return slot < bySlot.length ? bySlot[slot] : null;
  }

  /** Checks the dimension and preprocesses for the distance: the form stored and the form queried. */
  float[] prepare(List<Float> data) {
    if (data.size() != dim) {
      throw Errors.dimension(dim, data.size());
    }
    float[] out = new float[dim];
    if (data instanceof com.google.protobuf.Internal.FloatList floats) {
      // protobuf's own list: read primitives instead of boxing every element
      for (int i = 0; i < dim; i++) {
        out[i] = floats.getFloat(i);
      }
    } else {
      for (int i = 0; i < dim; i++) {
        out[i] = data.get(i);
      }
    }
    return VectorMath.preprocess(distance, out);
  }

  /** Preprocesses an already checked vector (e.g. a recommend query built from stored vectors). */
  float[] prepare(float[] vector) {
    return VectorMath.preprocess(distance, vector);
  }

  void set(int slot, float[] prepared) {
    if (slot >= bySlot.length) {
      bySlot = Arrays.copyOf(bySlot, Math.max(slot + 1, bySlot.length * 2));
    }
    if (bySlot[slot] == null) {
      count++;
    } else {
      tombstone(slot);
    }
    bySlot[slot] = prepared;
    lastWriteNanos = System.nanoTime();
    if (index.enabled()) {
      if (changes == changedSlots.length) {
        changedSlots = Arrays.copyOf(changedSlots, changes * 2);
        changedVectors = Arrays.copyOf(changedVectors, changes * 2);
      }
      changedSlots[changes] = slot;
      changedVectors[changes++] = prepared;
    }
  }

  void clear(int slot) {
    if (slot < bySlot.length && bySlot[slot] != null) {
      tombstone(slot);
      bySlot[slot] = null;
      count--;
      lastWriteNanos = System.nanoTime();
    }
  }

  /** Counts the graph node of {@code slot} as a tombstone when it still held the current vector. */
  private void tombstone(int slot) {
    HnswGraphs.Graph g = graph;
    if (g != null) {
      int ord = g.ordOf(slot);
      if (ord >= 0 && g.vectors()[ord] == bySlot[slot]) {
        tombstones++;
      }
    }
  }

  IndexConfig indexConfig() {
    return index;
  }

  /** The current graph, or null. */
  HnswGraphs.Graph graph() {
    return graph;
  }

  /** Whether graph node {@code ord} still stands for its point's current vector. */
  boolean live(HnswGraphs.Graph g, int ord) {
    return get(g.slots()[ord]) == g.vectors()[ord];
  }

  /** Points written since the graph's snapshot: {@code changedSlot(i)} held {@code changedVector(i)}. */
  int changes() {
    return changes;
  }

  int changedSlot(int i) {
    return changedSlots[i];
  }

  float[] changedVector(int i) {
    return changedVectors[i];
  }

  /** Graph nodes that still stand for their point. */
  int indexedCount() {
    HnswGraphs.Graph g = graph;
    return g == null ? 0 : g.size() - tombstones;
  }

  /** {@code kilobytes} of this vector's float32 data as a number of vectors (Qdrant's thresholds). */
  long vectorsIn(long kilobytes) {
    return kilobytes * 1024 / (dim * 4L);
  }

  /**
   * Whether a build should start now: enough points for a first graph, enough changes or
   * tombstones since; or, when {@code idle} (writes paused), any change at all, so the graph
   * ends up covering every point.
   */
  boolean wantsBuild(boolean idle) {
    if (!index.enabled() || building.get()) {
      return false;
    }
    HnswGraphs.Graph g = graph;
    if (g == null) {
      return count > 0 && count >= vectorsIn(index.indexingThresholdKb());
    }
    return changes >= Math.max(MIN_DELTA, g.size() / 5) || tombstones > g.size() / 5 || (idle && changes > 0);
  }

  /** Whether points written since the graph's snapshot wait for a graph. */
  boolean pendingChanges() {
    return index.enabled() && graph != null && changes > 0;
  }

  /** Claims the one delayed idle check of this vector; false when one is already scheduled. */
  boolean claimIdleCheck() {
    return idleCheck.compareAndSet(false, true);
  }

  /** Nanoseconds since the last write to this vector. */
  long sinceLastWriteNanos() {
    return System.nanoTime() - lastWriteNanos;
  }

  void idleCheckRan() {
    idleCheck.set(false);
  }

  /** Whether a build is running or about to. */
  boolean building() {
    return building.get();
  }

  boolean startBuilding() {
    return building.compareAndSet(false, true);
  }

  void doneBuilding() {
    building.set(false);
  }

  /** What to build: every point (first graph, or too many tombstones) or the graph plus the points changed since. */
  Plan plan(int slots) {
    HnswGraphs.Graph g = graph;
    int mark = changes;
    if (g == null || tombstones > g.size() / 5) {
      int[] ordSlots = new int[count];
      float[][] vectors = new float[count][];
      int n = 0;
      for (int slot = 0; slot < Math.min(slots, bySlot.length); slot++) {
        if (bySlot[slot] != null) {
          ordSlots[n] = slot;
          vectors[n++] = bySlot[slot];
        }
      }
      return new Plan(ordSlots, vectors, n, null, mark);
    }
    int[] ordSlots = Arrays.copyOf(g.slots(), g.size() + mark);
    float[][] vectors = Arrays.copyOf(g.vectors(), g.size() + mark);
    int n = g.size();
    for (int i = 0; i < mark; i++) {
      if (get(changedSlots[i]) == changedVectors[i]) {
        ordSlots[n] = changedSlots[i];
        vectors[n++] = changedVectors[i];
      }
    }
    return new Plan(ordSlots, vectors, n, g, mark);
  }

  /** Swaps the built graph in and forgets the changes it covers; the caller holds the write lock. */
  void install(HnswGraphs.Graph built, int changesMark) {
    int rest = changes - changesMark;
    System.arraycopy(changedSlots, changesMark, changedSlots, 0, rest);
    System.arraycopy(changedVectors, changesMark, changedVectors, 0, rest);
    Arrays.fill(changedVectors, rest, changes, null);
    changes = rest;
    int dead = 0;
    for (int ord = 0; ord < built.size(); ord++) {
      if (!live(built, ord)) {
        dead++;
      }
    }
    tombstones = dead;
    graph = built;
  }

  /** The internal similarity (larger is better) of the point in {@code slot}: NaN without this vector. */
  float similarity(float[] prepared, int slot) {
    float[] v = get(slot);
    return v == null ? Float.NaN : VectorMath.similarity(distance, prepared, v);
  }

  /** A copy of the slot-to-vector references, for a builder working outside the lock. */
  float[][] references(int slots) {
    return Arrays.copyOf(bySlot, Math.max(slots, 0));
  }
}
