package dev.citadel.client.vector;

import dev.citadel.client.InvalidArgumentException;
import java.util.Objects;

/**
 * A named dense vector of a collection.
 *
 * @param size dimensions (1 to 65536)
 * @param distance how vectors are compared
 */
public record DenseVectorSpec(int size, Distance distance) {

  /** Validates. */
  public DenseVectorSpec {
    if (size < 1 || size > 65_536) {
      throw new InvalidArgumentException("size", "must be between 1 and 65536, was " + size);
    }
    Objects.requireNonNull(distance, "distance");
  }
}
