package dev.citadel.client.vector;

/** The collection does not exist in Qdrant (gRPC NOT_FOUND). */
public class CollectionNotFoundException extends VectorException {
  private static final long serialVersionUID = 1L;

  /**
   * @param collection the missing collection
   * @param cause the gRPC failure, or null
   */
  public CollectionNotFoundException(String collection, Throwable cause) {
    super(collection, "Qdrant collection '" + collection + "' does not exist (create it with ensure)", cause);
  }
}
