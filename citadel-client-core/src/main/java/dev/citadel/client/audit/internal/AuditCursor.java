package dev.citadel.client.audit.internal;

import dev.citadel.client.InvalidArgumentException;
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
   * @throws InvalidArgumentException ({@code cursor}) when {@code cursor} did not come from {@link #encode}
   */
  public static Position decode(String cursor) {
    String[] parts;
    try {
      parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
      if (parts.length == 3 && parts[0].equals("a1")) {
        return new Position(Long.parseLong(parts[1]), UUID.fromString(parts[2]));
      }
    } catch (IllegalArgumentException e) {
      // Not Base64, not a number or not a UUID: not one of ours either.
    }
    throw new InvalidArgumentException("cursor", "did not come from an audit page (AuditPage.nextCursor())");
  }
}
