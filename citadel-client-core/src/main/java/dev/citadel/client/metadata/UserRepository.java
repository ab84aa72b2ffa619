package dev.citadel.client.metadata;

import dev.citadel.client.paging.Page;
import dev.citadel.client.paging.PageRequest;
import java.util.Optional;
import java.util.UUID;

/**
 * Create, read, update, delete and list {@code users}. Duplicate usernames or emails raise
 * {@link dev.citadel.client.ConstraintViolationException}. {@link #update} saves email, full name,
 * active flag and attributes (id and username never change). Implementations are thread-safe;
 * obtain one from {@link Metadata#users()}.
 */
public interface UserRepository extends VersionedRepository<User> {

  /**
   * Creates an active user with empty attributes.
   *
   * @param username unique login name
   * @param email unique (case-insensitive) address, or null
   * @param fullName display name, or null
   * @throws dev.citadel.client.InvalidArgumentException when {@code username} is null or blank
   */
  User create(String username, String email, String fullName);

  /** The user with {@code username}, if any. */
  Optional<User> findByUsername(String username);

  /**
   * Users in creation order, optionally only active ones.
   *
   * @throws dev.citadel.client.InvalidArgumentException when the request's cursor is malformed
   */
  Page<User> list(boolean activeOnly, PageRequest page);
}
