package dev.citadel.client.vector;

/**
 * Qdrant answered a request with an error that retrying will not fix and that has no more
 * specific type: a bad argument, a missing point, an unauthenticated call, an unimplemented
 * feature. Carries the gRPC status code.
 */
public class VectorRequestException extends VectorException {
  private static final long serialVersionUID = 1L;
  /** The gRPC status code name, e.g. {@code INVALID_ARGUMENT} or {@code UNAUTHENTICATED}. */
  private final String statusCode;

  /**
   * @param collection the collection, or null
   * @param statusCode the gRPC status code name, e.g. {@code INVALID_ARGUMENT}
   * @param message the diagnostic
   * @param cause the gRPC failure
   */
  public VectorRequestException(String collection, String statusCode, String message, Throwable cause) {
    super(collection, message, cause);
    this.statusCode = statusCode;
  }

  /** The gRPC status code name, e.g. {@code INVALID_ARGUMENT} or {@code UNAUTHENTICATED}. */
  public String statusCode() {
    return statusCode;
  }
}
