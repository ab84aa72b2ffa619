package dev.citadel.client.metadata;

import dev.citadel.client.NotFoundException;
import dev.citadel.client.VersionConflictException;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads rows by id and changes them optimistically: every row carries a version, and an update
 * or delete names the version it read. Implementations are thread-safe.
 *
 * @param <T> the row type
 */
public interface VersionedRepository<T> {

  /** The row with {@code id}, if any. */
  Optional<T> find(UUID id);

  /**
   * The row with {@code id}.
   *
   * @throws NotFoundException when there is none
   */
  T get(UUID id);

  /**
   * Saves the changeable fields of {@code row} if its version is still current; returns the saved
   * row with the next version.
   *
   * @throws VersionConflictException when the row changed since {@code row} was read
   * @throws NotFoundException when the row is gone
   */
  T update(T row);

  /**
   * Deletes the row if {@code expectedVersion} is current.
   *
   * @throws VersionConflictException when the row changed since it was read
   * @throws NotFoundException when the row is gone
   */
  void delete(UUID id, long expectedVersion);
}
