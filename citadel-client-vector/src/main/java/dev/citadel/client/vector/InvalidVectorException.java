package dev.citadel.client.vector;

import dev.citadel.client.InvalidArgumentException;

/**
 * A vector is empty or holds NaN or an infinity; refused before anything is sent or written.
 * The vector module's {@link InvalidArgumentException}, carrying the collection the vector was
 * meant for. (A vector of the wrong size is {@link DimensionMismatchException}, which also
 * carries both sizes.)
 */
public class InvalidVectorException extends InvalidArgumentException {
  private static final long serialVersionUID = 1L;
  /** The collection the vector was meant for. */
  private final String collection;

  /**
   * @param collection the collection the vector was meant for
   * @param argument which vector, e.g. {@code vector of point 7} or {@code vector of the search query}
   * @param reason what is wrong with it, naming the collection
   */
  public InvalidVectorException(String collection, String argument, String reason) {
    super(argument, reason);
    this.collection = collection;
  }

  /** The collection the vector was meant for. */
  public String collection() {
    return collection;
  }
}
