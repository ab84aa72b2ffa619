package dev.citadel.qdrant.local.internal;

import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import java.util.Arrays;
import java.util.List;

/**
 * One dense vector of a collection (the unnamed {@code ""} one or a named one): each point's
 * vector as its own array, indexed by the point's slot, preprocessed for the distance at insert
 * (Cosine: normalised). An update replaces the array and never writes into it, so a snapshot of
 * the references (the index builder's) stays consistent. Guarded by the collection's lock.
 */
final class DenseVectors {
  private final String name;
  private final VectorParams params;
  private final int dim;
  private final Distance distance;
  private float[][] bySlot = new float[1024][];
  private int count;

  DenseVectors(String name, VectorParams params) {
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
    }
    bySlot[slot] = prepared;
  }

  void clear(int slot) {
    if (slot < bySlot.length && bySlot[slot] != null) {
      bySlot[slot] = null;
      count--;
    }
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
