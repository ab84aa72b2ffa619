package dev.citadel.client.vector;

import java.util.Map;

/** The vectors of a spec or state, compared and described one way. */
final class VectorShapes {
  private VectorShapes() {}

  /** Whether Qdrant's collection has the vectors the spec asks for (sizes, distances, names, modifiers). */
  static boolean same(CollectionSpec spec, CollectionState state) {
    boolean dense = spec.hasNamedVectors() ? spec.namedVectors().equals(state.namedVectors())
        : state.namedVectors().isEmpty() && spec.vectorSize() == state.vectorSize()
            && spec.distance() == state.distance();
    return dense && spec.sparseVectors().equals(state.sparseVectors());
  }

  /** E.g. {@code 768-d Cosine vectors}, or {@code vectors {dense=384-d Cosine} and sparse vectors {text=IDF}}. */
  static String describe(int size, Distance distance, Map<String, DenseVectorSpec> named,
      Map<String, SparseModifier> sparse) {
    StringBuilder out = new StringBuilder();
    if (named.isEmpty()) {
      out.append(size).append("-d ").append(distance.qdrantName()).append(" vectors");
    } else {
      out.append("vectors {");
      named.forEach((n, v) -> out.append(out.charAt(out.length() - 1) == '{' ? "" : ", ").append(n).append('=')
          .append(v.size()).append("-d ").append(v.distance().qdrantName()));
      out.append('}');
    }
    if (!sparse.isEmpty()) {
      out.append(" and sparse vectors ").append(sparse);
    }
    return out.toString();
  }
}
