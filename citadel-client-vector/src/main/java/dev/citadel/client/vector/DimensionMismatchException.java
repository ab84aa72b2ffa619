package dev.citadel.client.vector;

/** A vector's size differs from the collection's, found before sending or reported by Qdrant. */
public class DimensionMismatchException extends VectorException {
  private static final long serialVersionUID = 1L;
  /** The collection's vector size. */
  private final int expected;
  /** The size given. */
  private final int actual;

  /**
   * @param collection the collection
   * @param expected the collection's vector size
   * @param actual the size given
   * @param cause the gRPC failure, or null when caught before sending
   */
  public DimensionMismatchException(String collection, int expected, int actual, Throwable cause) {
    super(collection, "vector of " + actual + " dimensions for Qdrant collection '" + collection
        + "', which holds " + expected + "-dimensional vectors", cause);
    this.expected = expected;
    this.actual = actual;
  }

  /** The collection's vector size. */
  public int expected() {
    return expected;
  }

  /** The size given. */
  public int actual() {
    return actual;
  }
}
