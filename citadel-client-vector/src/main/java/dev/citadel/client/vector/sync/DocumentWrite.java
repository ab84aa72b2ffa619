package dev.citadel.client.vector.sync;

import dev.citadel.client.vector.PointId;
import java.util.List;

/**
 * What one document write or delete committed in PostgreSQL.
 *
 * @param collection the collection
 * @param documentId the document (the chunks' file id)
 * @param pointIds the points the outbox record covers: the document's points now, plus those it
 *     no longer has (which the relay deletes from Qdrant)
 * @param outboxId the outbox record's id
 */
public record DocumentWrite(String collection, String documentId, List<PointId> pointIds, long outboxId) {

  /** Copies the list. */
  public DocumentWrite {
    pointIds = List.copyOf(pointIds);
  }
}
