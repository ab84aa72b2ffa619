package dev.citadel.client.vector;

import dev.citadel.client.CitadelException;

/**
 * Qdrant refused a request, or the SDK refused it before sending: the root of the vector errors
 * (Qdrant being unreachable is {@link dev.citadel.client.UnavailableException} instead). Carries
 * the collection, when there is one.
 */
public class VectorException extends CitadelException {
  private static final long serialVersionUID = 1L;
  /** The collection concerned, or null when the request had none. */
  private final String collection;

  /**
   * @param collection the collection concerned, or null
   * @param message the diagnostic, naming the collection
   * @param cause the gRPC failure, or null
   */
  public VectorException(String collection, String message, Throwable cause) {
    super(message, cause);
    this.collection = collection;
  }

  /** The collection concerned, or null when the request had none. */
  public String collection() {
    return collection;
  }
}
