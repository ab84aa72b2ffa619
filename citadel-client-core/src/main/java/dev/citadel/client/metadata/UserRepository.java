package dev.citadel.client.metadata;

import dev.citadel.client.NotFoundException;
import dev.citadel.client.VersionConflictException;
import dev.citadel.client.paging.Page;
import dev.citadel.client.paging.PageRequest;
import java.util.Optional;
import java.util.UUID;

/**
 * Create, read, update, delete and list {@code users}. Duplicate usernames or emails raise
 * {@link dev.citadel.client.ConstraintViolationException}. Implementations are thread-safe;
 * obtain one from {@link Metadata#users()}.
 */
public interface UserRepository {

  /**
   * Creates an active user with empty attributes.
   *
   * @param username unique login name
   * @param email unique (case-insensitive) address, or null
   * @param fullName display name, or null
   * @throws dev.citadel.client.InvalidArgumentException when {@code username} is null or blank
   */
  User create(String username, String email, String fullName);

  /** The user with {@code id}, if any. */
  Optional<User> find(UUID id);

  /**
   * The user with {@code id}.
   *
   * @throws NotFoundException when there is none
   */
  User get(UUID id);

  /** The user with {@code username}, if any. */
  Optional<User> findByUsername(String username);

  /**
   * Saves email, full name, active flag and attributes of {@code user}, if its version is still
   * current; returns the saved row with the next version.
   *
   * @throws VersionConflictException when the row changed since {@code user} was read
   * @throws NotFoundException when the row is gone
   */
  User update(User user);

  /**
   * Deletes the user if {@code expectedVersion} is current.
   *
   * @throws VersionConflictException when the row changed since it was read
   * @throws NotFoundException when the row is gone
   */
  void delete(UUID id, long expectedVersion);

  /**
   * Users in creation order, optionally only active ones.
   *
   * @throws dev.citadel.client.InvalidArgumentException when the request's cursor is malformed
   */
  Page<User> list(boolean activeOnly, PageRequest page);
}
