package dev.citadel.client.audit.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Version 7 UUIDs (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits. Ids made close
 * in time sort close together, so index inserts stay local. Thread-safe.
 */
public final class Uuids {
  private Uuids() {}

  /** A new version 7 UUID for {@code epochMillis}. */
  public static UUID v7(long epochMillis) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (epochMillis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
