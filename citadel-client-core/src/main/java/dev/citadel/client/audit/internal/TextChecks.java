package dev.citadel.client.audit.internal;

import dev.citadel.client.InvalidArgumentException;

/** Checks on text that PostgreSQL must store (or compare) exactly as given. */
public final class TextChecks {
  private TextChecks() {}

  /** The index of the first unpaired UTF-16 surrogate in {@code s}, or -1. */
  public static int unpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * What is wrong with {@code s} as a {@code text} value of at most {@code maxLength} chars, or
   * null when nothing is: PostgreSQL rejects NUL, and the driver would replace an unpaired
   * surrogate, so the stored row would no longer match its hash.
   */
  public static String problem(String s, int maxLength) {
    if (s.length() > maxLength) {
      return "is " + s.length() + " characters long, more than " + maxLength;
    }
    if (s.indexOf('\0') >= 0) {
      return "contains a NUL character";
    }
    if (unpairedSurrogate(s) >= 0) {
      return "contains an unpaired UTF-16 surrogate";
    }
    return null;
  }

  /**
   * Checks a text argument that must be given: not null, not blank, and passing
   * {@link #problem}.
   *
   * @throws InvalidArgumentException naming {@code argument} and the rule it breaks
   */
  public static void requireText(String argument, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new InvalidArgumentException(argument, "is required");
    }
    checkText(argument, value, maxLength);
  }

  /**
   * Checks a text argument that may be null: when given, it must pass {@link #problem}.
   *
   * @throws InvalidArgumentException naming {@code argument} and the rule it breaks
   */
  public static void checkText(String argument, String value, int maxLength) {
    if (value != null) {
      String problem = problem(value, maxLength);
      if (problem != null) {
        throw new InvalidArgumentException(argument, problem);
      }
    }
  }
}
