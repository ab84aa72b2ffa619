package dev.citadel.client.metadata;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of the {@code users} table. Change it with the {@code with*} methods and pass it to
 * {@link UserRepository#update}; its {@link #version()} guards against lost updates.
 *
 * @param id primary key
 * @param username unique login name
 * @param email unique (case-insensitive) address, or null
 * @param fullName display name, or null
 * @param active whether the user may act
 * @param attributes free-form JSON object
 * @param version incremented by every update
 * @param createdAt when the row was created
 * @param updatedAt when the row was last changed
 */
public record User(UUID id, String username, String email, String fullName, boolean active,
    String attributes, long version, Instant createdAt, Instant updatedAt) {

  /** This user with another email (null clears it). */
  public User withEmail(String value) {
    return new User(id, username, value, fullName, active, attributes, version, createdAt, updatedAt);
  }

  /** This user with another display name. */
  public User withFullName(String value) {
    return new User(id, username, email, value, active, attributes, version, createdAt, updatedAt);
  }

  /** This user activated or deactivated. */
  public User withActive(boolean value) {
    return new User(id, username, email, fullName, value, attributes, version, createdAt, updatedAt);
  }

  /** This user with other attributes (a JSON object). */
  public User withAttributes(String json) {
    return new User(id, username, email, fullName, active, json, version, createdAt, updatedAt);
  }
}
