package dev.citadel.client.vector;

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
