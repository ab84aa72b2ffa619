package dev.citadel.client.vector;

import dev.citadel.client.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * A Qdrant point id: a UUID or an unsigned 64-bit number. Immutable; equal ids are equal
 * objects.
 */
public final class PointId {
  private final UUID uuid;
  private final long number;

  private PointId(UUID uuid, long number) {
    this.uuid = uuid;
    this.number = number;
  }

  /** A UUID id. */
  public static PointId of(UUID uuid) {
    return new PointId(Objects.requireNonNull(uuid, "uuid"), 0);
  }

  /** A numeric id; the bits are read as an unsigned 64-bit number, as Qdrant does. */
  public static PointId of(long number) {
    return new PointId(null, number);
  }

  /**
   * The id for any string key, for callers whose ids are not Qdrant's (framework document ids):
   * the UUID itself when {@code key} is a UUID in canonical lower-case form, otherwise a stable
   * name-based UUID of the key (the same key always gives the same id). Keep the key itself in the
   * payload to give it back.
   *
   * @throws InvalidArgumentException when {@code key} is blank
   */
  public static PointId fromKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isBlank()) {
      throw new InvalidArgumentException("id", "must not be blank");
    }
    if (key.length() == 36) {
      try {
        UUID uuid = UUID.fromString(key);
        if (uuid.toString().equals(key)) {
          return of(uuid);
        }
      } catch (IllegalArgumentException notAUuid) {
        // a name-based id below
      }
    }
    return of(UUID.nameUUIDFromBytes(("citadel-point-key:" + key).getBytes(StandardCharsets.UTF_8)));
  }

  /** Whether this is a UUID id. */
  public boolean isUuid() {
    return uuid != null;
  }

  /**
   * The UUID.
   *
   * @throws IllegalStateException for a numeric id
   */
  public UUID uuid() {
    if (uuid == null) {
      throw new IllegalStateException("point id " + number + " is numeric");
    }
    return uuid;
  }

  /**
   * The number (unsigned: use {@link Long#toUnsignedString} above 2^63 - 1).
   *
   * @throws IllegalStateException for a UUID id
   */
  public long number() {
    if (uuid != null) {
      throw new IllegalStateException("point id " + uuid + " is a UUID");
    }
    return number;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PointId other && number == other.number && Objects.equals(uuid, other.uuid);
  }

  @Override
  public int hashCode() {
    return uuid == null ? Long.hashCode(number) : uuid.hashCode();
  }

  /** The UUID in canonical form, or the unsigned number in decimal. */
  @Override
  public String toString() {
    return uuid == null ? Long.toUnsignedString(number) : uuid.toString();
  }
}
