package dev.citadel.doctor.internal;

/** One-line descriptions of failures for the DETAIL column. */
final class Failures {
  private Failures() {}

  /** The message, with the cause's when it adds something; the class name when there is none. */
  static String describe(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
      message = message + " (" + cause.getMessage() + ")";
    }
    return message;
  }
}
