package dev.citadel.client.vector;

/**
 * {@code ensure} found the collection with another vector size or distance than its spec. Such a
 * collection is never dropped or recreated silently: migrate it deliberately.
 */
public class CollectionSpecConflictException extends VectorException {
  private static final long serialVersionUID = 1L;
  /** The spec asked for. */
  private final CollectionSpec wanted;
  /** What Qdrant holds. */
  private final CollectionState found;

  /**
   * @param wanted the spec asked for
   * @param found what Qdrant holds
   */
  public CollectionSpecConflictException(CollectionSpec wanted, CollectionState found) {
    super(wanted.name(), "Qdrant collection '" + wanted.name() + "' exists with "
        + VectorShapes.describe(found.vectorSize(), found.distance(), found.namedVectors(), found.sparseVectors())
        + ", but the spec asks for "
        + VectorShapes.describe(wanted.vectorSize(), wanted.distance(), wanted.namedVectors(), wanted.sparseVectors())
        + "; it is not recreated automatically", null);
    this.wanted = wanted;
    this.found = found;
  }

  /** The spec asked for. */
  public CollectionSpec wanted() {
    return wanted;
  }

  /** What Qdrant holds. */
  public CollectionState found() {
    return found;
  }
}
