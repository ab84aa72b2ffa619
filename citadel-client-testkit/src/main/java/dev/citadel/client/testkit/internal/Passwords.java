package dev.citadel.client.testkit.internal;

import java.security.SecureRandom;

/** Random passwords for servers the kit starts. */
public final class Passwords {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

  private Passwords() {
  }

  /**
   * Generates a 24-character alphanumeric password (no characters needing escaping in URIs or files).
   *
   * @return the password
   */
  public static String generate() {
    char[] chars = new char[24];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(chars);
  }
}
