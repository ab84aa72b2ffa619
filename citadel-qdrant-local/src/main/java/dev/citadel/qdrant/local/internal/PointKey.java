package dev.citadel.qdrant.local.internal;

import io.qdrant.client.grpc.Common.PointId;
import java.util.Locale;
import java.util.UUID;

/**
 * A point id in Qdrant's order (segment types.rs {@code ExtendedPointId}: numeric ids before
 * UUIDs, numbers as unsigned 64-bit, UUIDs by their 128 bits).
 *
 * @param uuid whether this is a UUID
 * @param hi the UUID's most significant bits; 0 for numbers
 * @param lo the UUID's least significant bits, or the number
 */
record PointKey(boolean uuid, long hi, long lo) implements Comparable<PointKey> {

  static PointKey of(PointId id) {
    return switch (id.getPointIdOptionsCase()) {
      case NUM -> new PointKey(false, 0, id.getNum());
      case UUID -> parseUuid(id.getUuid());
      default -> throw Errors.invalid("Unable to parse point id: the PointId has no value");
    };
  }

  /** Accepts the forms Rust's uuid crate parses: hyphenated, simple, braced and urn. */
  private static PointKey parseUuid(String text) {
    String s = text.toLowerCase(Locale.ROOT);
    if (s.startsWith("urn:uuid:")) {
      s = s.substring(9);
    } else if (s.startsWith("{") && s.endsWith("}")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.length() == 36) {
      if (s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') {
        throw badUuid(text);
      }
      s = s.substring(0, 8) + s.substring(9, 13) + s.substring(14, 18) + s.substring(19, 23) + s.substring(24);
    }
    if (s.length() != 32) {
      throw badUuid(text);
    }
    for (int i = 0; i < 32; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        throw badUuid(text);
      }
    }
    return new PointKey(true, Long.parseUnsignedLong(s.substring(0, 16), 16),
        Long.parseUnsignedLong(s.substring(16), 16));
  }

  private static RuntimeException badUuid(String text) {
    return Errors.invalid("Unable to parse UUID: " + text);
  }

  PointId toProto() {
    return uuid
        ? PointId.newBuilder().setUuid(new UUID(hi, lo).toString()).build()
        : PointId.newBuilder().setNum(lo).build();
  }

  @Override
  public int compareTo(PointKey o) {
    if (uuid != o.uuid) {
      return uuid ? 1 : -1;
    }
    int c = Long.compareUnsigned(hi, o.hi);
    return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
  }

  @Override
  public String toString() {
    return uuid ? new UUID(hi, lo).toString() : Long.toUnsignedString(lo);
  }
}
