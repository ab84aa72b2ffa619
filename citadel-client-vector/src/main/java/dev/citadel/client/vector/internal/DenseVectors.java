package dev.citadel.client.vector.internal;

import com.google.protobuf.Internal.FloatList;
import dev.citadel.client.vector.SparseVector;
import dev.citadel.client.vector.VectorPoint;
import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.NamedVectors;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.VectorOutput;
import io.qdrant.client.grpc.Points.Vectors;
import io.qdrant.client.grpc.Points.VectorsOutput;
import java.util.List;

/** Dense vectors between the SDK ({@code float[]}) and Qdrant's protocol. */
final class DenseVectors {
  private DenseVectors() {}

  /** {@code vector} as the unnamed dense vector of a point. */
  static Vectors toQdrant(float[] vector) {
    return Vectors.newBuilder().setVector(Vector.newBuilder().setDense(dense(vector))).build();
  }

  /** A point's vectors: the unnamed one alone, or every named dense and sparse one. */
  static Vectors toQdrant(VectorPoint point) {
    if (point.namedVectors().isEmpty() && point.sparseVectors().isEmpty()) {
      return toQdrant(point.vector());
    }
    NamedVectors.Builder named = NamedVectors.newBuilder();
    if (point.vector() != null) {
      // The unnamed vector's name is the empty string (Qdrant's DEFAULT_VECTOR_NAME).
      named.putVectors("", Vector.newBuilder().setDense(dense(point.vector())).build());
    }
    point.namedVectors().forEach((name, v) -> named.putVectors(name, Vector.newBuilder().setDense(dense(v)).build()));
    point.sparseVectors().forEach((name, v) -> named.putVectors(name, Vector.newBuilder().setSparse(sparse(v)).build()));
    return Vectors.newBuilder().setVectors(named).build();
  }

  static DenseVector dense(float[] vector) {
    DenseVector.Builder dense = DenseVector.newBuilder();
    for (float f : vector) {
      dense.addData(f);
    }
    return dense.build();
  }

  static io.qdrant.client.grpc.Points.SparseVector sparse(SparseVector vector) {
    io.qdrant.client.grpc.Points.SparseVector.Builder out = io.qdrant.client.grpc.Points.SparseVector.newBuilder();
    int[] indices = vector.indices();
    float[] values = vector.values();
    for (int i = 0; i < indices.length; i++) {
      out.addIndices(indices[i]).addValues(values[i]);
    }
    return out.build();
  }

  /**
   * The unnamed vector of a returned point, or null when it has none. A point that also has
   * sparse (or named) vectors comes back with all of them by name, the unnamed one under "".
   */
  @SuppressWarnings("deprecation")
  static float[] fromQdrant(VectorsOutput v) {
    VectorOutput unnamed;
    if (v.hasVector()) {
      unnamed = v.getVector();
    } else if (v.hasVectors() && v.getVectors().containsVectors("")) {
      unnamed = v.getVectors().getVectorsMap().get("");
    } else {
      return null;
    }
    // Older servers fill the deprecated flat data field instead of the dense one.
    List<Float> data = unnamed.hasDense() ? unnamed.getDense().getDataList() : unnamed.getDataList();
    float[] out = new float[data.size()];
    if (data instanceof FloatList floats) {
      for (int i = 0; i < out.length; i++) {
        out[i] = floats.getFloat(i);
      }
    } else {
      for (int i = 0; i < out.length; i++) {
        out[i] = data.get(i);
      }
    }
    return out;
  }
}
