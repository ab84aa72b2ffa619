package dev.citadel.doctor.internal;

/** A command line the doctor cannot run: an unknown option, a missing or malformed value. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong, naming the option */
  public UsageException(String message) {
    super(message);
  }
}
