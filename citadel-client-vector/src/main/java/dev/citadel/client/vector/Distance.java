package dev.citadel.client.vector;

import dev.citadel.client.InvalidArgumentException;

/** How Qdrant scores a vector against a query. */
public enum Distance {
  /** Cosine similarity; vectors are normalised at insert; larger is closer. */
  COSINE("Cosine"),
  /** Dot product; larger is closer. */
  DOT("Dot"),
  /** Euclidean distance; the score is the distance, smaller is closer. */
  EUCLID("Euclid"),
  /** Manhattan distance; the score is the distance, smaller is closer. */
  MANHATTAN("Manhattan");

  private final String qdrantName;

  Distance(String qdrantName) {
    this.qdrantName = qdrantName;
  }

  /** The name Qdrant and the {@code collections.distance} column use, e.g. {@code Cosine}. */
  public String qdrantName() {
    return qdrantName;
  }

  /**
   * The distance called {@code name} ({@code Cosine}, {@code Dot}, {@code Euclid},
   * {@code Manhattan}; case-insensitive).
   *
   * @throws InvalidArgumentException for any other name
   */
  public static Distance fromName(String name) {
    for (Distance d : values()) {
      if (d.qdrantName.equalsIgnoreCase(name)) {
        return d;
      }
    }
    throw new InvalidArgumentException("distance", "unknown name '" + name + "' (Cosine, Dot, Euclid or Manhattan)");
  }
}
