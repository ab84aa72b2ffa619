package dev.citadel.client.cache.internal;

import java.nio.charset.StandardCharsets;

/** Script arguments and replies as bytes (the connections' value codec is bytes). */
public final class Bytes {
  private Bytes() {}

  public static byte[] of(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] of(long number) {
    return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
  }

  public static String text(Object reply) {
    return reply == null ? null : new String((byte[]) reply, StandardCharsets.UTF_8);
  }

  public static long number(Object reply) {
    if (reply instanceof Long l) {
      return l;
    }
    return Long.parseLong(text(reply));
  }
}
