package dev.citadel.client.audit;

/**
 * An audit event was refused because one of its fields is missing or malformed (for example no
 * action, details that are not a JSON object, details larger than
 * {@code audit.max_details_bytes}). Nothing was recorded for it; other events are unaffected. The
 * message names the field and the rule, never the field's content.
 */
public class InvalidAuditEventException extends AuditException {
  private static final long serialVersionUID = 1L;
  /** The offending field, e.g. {@code action} or {@code details}. */
  private final String field;
  /** What is wrong with the field. */
  private final String reason;

  /**
   * @param field the offending field, e.g. {@code action} or {@code details}
   * @param reason what is wrong, without the field's content
   */
  public InvalidAuditEventException(String field, String reason) {
    super("invalid audit event: " + field + " " + reason);
    this.field = field;
    this.reason = reason;
  }

  /** The offending field, e.g. {@code action} or {@code details}. */
  public String field() {
    return field;
  }

  /** What is wrong with the field. */
  public String reason() {
    return reason;
  }
}
