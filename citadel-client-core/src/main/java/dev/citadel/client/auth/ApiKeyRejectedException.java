package dev.citadel.client.auth;

import dev.citadel.client.CitadelException;

/** A presented API key was refused. The message never contains the key's secret part. */
public class ApiKeyRejectedException extends CitadelException {
  private static final long serialVersionUID = 1L;
  /** Why the key was refused. */
  private final RejectionReason reason;
  /** The key's public prefix, or null when it had none. */
  private final String prefix;

  /**
   * @param reason why it was refused
   * @param prefix the key's public prefix, or null when it had none
   */
  public ApiKeyRejectedException(RejectionReason reason, String prefix) {
    super("API key " + (prefix == null ? "" : "'" + prefix + "' ") + "rejected: " + reason.name().toLowerCase());
    this.reason = reason;
    this.prefix = prefix;
  }

  /** The key's public prefix, or null when it had none. */
  public String prefix() {
    return prefix;
  }

  /** Why the key was refused. */
  public RejectionReason reason() {
    return reason;
  }
}
