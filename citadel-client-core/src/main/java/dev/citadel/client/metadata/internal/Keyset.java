package dev.citadel.client.metadata.internal;

import dev.citadel.client.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Opaque keyset cursors over {@code (created_at, id)}: the position after the last row of a page.
 * Microsecond precision, as PostgreSQL stores {@code timestamptz}.
 */
public final class Keyset {
  private Keyset() {}

  /** The decoded position. */
  public record Position(Instant createdAt, UUID id) {}

  public static String encode(Instant createdAt, UUID id) {
    // Not ChronoUnit.MICROS.between: it counts nanoseconds first and overflows ~292 years out.
    long micros = createdAt.getEpochSecond() * 1_000_000L + createdAt.getNano() / 1_000;
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * @throws InvalidArgumentException (argument {@code cursor}) when {@code cursor} did not come
   *     from {@link #encode}
   */
  public static Position decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      int colon = text.indexOf(':');
      long micros = Long.parseLong(text.substring(0, colon));
      return new Position(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), UUID.fromString(text.substring(colon + 1)));
    } catch (RuntimeException e) {
      InvalidArgumentException failure = new InvalidArgumentException("cursor", "malformed page cursor");
      failure.initCause(e);
      throw failure;
    }
  }
}
