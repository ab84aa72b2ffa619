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
    super(wanted.name(), "Qdrant collection '" + wanted.name() + "' exists with " + found.vectorSize() + "-d "
        + found.distance().qdrantName() + " vectors, but the spec asks for " + wanted.vectorSize() + "-d "
        + wanted.distance().qdrantName() + "; it is not recreated automatically", null);
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
