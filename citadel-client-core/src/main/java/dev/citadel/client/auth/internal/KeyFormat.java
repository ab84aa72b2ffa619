package dev.citadel.client.auth.internal;

import java.security.SecureRandom;

/**
 * Keys look like {@code ck_<prefix>_<secret>}: a 10-character public prefix that finds the row
 * and a 40-character secret (about 238 bits from {@link SecureRandom}), both base62.
 */
public final class KeyFormat {
  public static final int PREFIX_LENGTH = 10;
  public static final int SECRET_LENGTH = 40;
  private static final String PREFIX = "ck_";
  /** The exact length of a well-formed key. */
  public static final int LENGTH = PREFIX.length() + PREFIX_LENGTH + 1 + SECRET_LENGTH;
  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyFormat() {}

  /** A presented key split into its parts. */
  public record Parsed(String prefix, String secret) {}

  public static String randomPrefix() {
    return random(PREFIX_LENGTH);
  }

  public static String randomSecret() {
    return random(SECRET_LENGTH);
  }

  public static String format(String prefix, String secret) {
    return PREFIX + prefix + '_' + secret;
  }

  /** The parts of {@code key}, or null when it is not a well-formed key. Looks at no database. */
  public static Parsed parse(String key) {
    if (key == null || key.length() != LENGTH || !key.startsWith(PREFIX)
        || key.charAt(PREFIX.length() + PREFIX_LENGTH) != '_') {
      return null;
    }
    String prefix = key.substring(PREFIX.length(), PREFIX.length() + PREFIX_LENGTH);
    String secret = key.substring(PREFIX.length() + PREFIX_LENGTH + 1);
    return isBase62(prefix) && isBase62(secret) ? new Parsed(prefix, secret) : null;
  }

  private static boolean isBase62(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
        return false;
      }
    }
    return true;
  }

  private static String random(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }
}
