package dev.citadel.client.metadata;

import dev.citadel.client.paging.Page;
import dev.citadel.client.paging.PageRequest;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * CRUD and listing for {@code collections}: what each vector store collection should look like.
 * Duplicate names raise {@link dev.citadel.client.ConstraintViolationException}.
 * {@link #update} saves description, owner and metadata; {@link #delete} takes the collection's
 * vector metadata and jobs with it. Implementations are thread-safe; obtain one from
 * {@link Metadata#collections()}.
 */
public interface CollectionRepository extends VersionedRepository<VectorCollection> {

  /** The distances a collection may use. */
  Set<String> DISTANCES = Set.of("Cosine", "Dot", "Euclid", "Manhattan");

  /**
   * Registers a collection.
   *
   * @param name unique name, not blank
   * @param vectorSize vector dimension, positive
   * @param distance one of {@link #DISTANCES}
   * @param ownerId owning user, or null
   * @param description free text, or null
   * @throws dev.citadel.client.InvalidArgumentException for a blank name, a non-positive size or
   *     an unknown distance
   */
  VectorCollection create(String name, int vectorSize, String distance, UUID ownerId, String description);

  /** The collection named {@code name}, if any. */
  Optional<VectorCollection> findByName(String name);

  /**
   * Collections in creation order; {@code ownerId} null means all owners.
   *
   * @throws dev.citadel.client.InvalidArgumentException when the request's cursor is malformed
   */
  Page<VectorCollection> list(UUID ownerId, PageRequest page);
}
