package dev.citadel.examples;

import java.util.Locale;

/**
 * A stand-in for the host's embedding model: a hashed bag of words, normalised, in the
 * {@code documents} collection's 768 dimensions. Texts sharing words land close together, which
 * is all the example's retrieval step needs to show.
 */
final class Embeddings {
  static final int DIMENSIONS = 768;

  private Embeddings() {}

  static float[] embed(String text) {
    float[] vector = new float[DIMENSIONS];
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (word.length() > 2) {
        vector[Math.floorMod(word.hashCode(), DIMENSIONS)] += 1f;
      }
    }
    // A small constant component keeps the vector non-zero for texts without usable words.
    vector[0] += 0.01f;
    double norm = 0;
    for (float v : vector) {
      norm += v * v;
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < vector.length; i++) {
      vector[i] *= scale;
    }
    return vector;
  }
}
