package dev.citadel.client.vector;

/** A vector is empty or holds NaN or an infinity; refused before anything is sent. */
public class InvalidVectorException extends VectorException {
  private static final long serialVersionUID = 1L;

  /**
   * @param collection the collection
   * @param message what is wrong, naming the point and the collection
   */
  public InvalidVectorException(String collection, String message) {
    super(collection, message, null);
  }
}
