package dev.citadel.client.vector.internal;

import com.google.protobuf.Internal.FloatList;
import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.Vectors;
import io.qdrant.client.grpc.Points.VectorsOutput;
import java.util.List;

/** Dense vectors between the SDK ({@code float[]}) and Qdrant's protocol. */
final class DenseVectors {
  private DenseVectors() {}

  /** {@code vector} as the unnamed dense vector of a point. */
  static Vectors toQdrant(float[] vector) {
    DenseVector.Builder dense = DenseVector.newBuilder();
    for (float f : vector) {
      dense.addData(f);
    }
    return Vectors.newBuilder().setVector(Vector.newBuilder().setDense(dense)).build();
  }

  /** The unnamed vector of a returned point, or null when it has none. */
  @SuppressWarnings("deprecation")
  static float[] fromQdrant(VectorsOutput v) {
    if (!v.hasVector()) {
      return null;
    }
    // Older servers fill the deprecated flat data field instead of the dense one.
    List<Float> data = v.getVector().hasDense() ? v.getVector().getDense().getDataList() : v.getVector().getDataList();
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
