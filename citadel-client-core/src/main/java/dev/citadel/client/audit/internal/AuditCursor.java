package dev.citadel.client.audit.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** Opaque keyset cursors over {@code (event_time, id)}: the last row of a page. */
public final class AuditCursor {
  private AuditCursor() {}

  /** A decoded position: time in microseconds since the epoch, and id. */
  public record Position(long micros, UUID id) {}

  public static String encode(long micros, UUID id) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("a1:" + micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * @throws IllegalArgumentException when {@code cursor} did not come from {@link #encode}
   */
  public static Position decode(String cursor) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
      if (parts.length != 3 || !parts[0].equals("a1")) {
        throw new IllegalArgumentException("not an audit cursor");
      }
      return new Position(Long.parseLong(parts[1]), UUID.fromString(parts[2]));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed audit page cursor", e);
    }
  }
}
