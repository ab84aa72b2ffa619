package dev.citadel.client;

/**
 * A statement violated an integrity constraint (SQLSTATE class 23: unique, foreign key, check,
 * not null, exclusion).
 */
public class ConstraintViolationException extends QueryException {
  private static final long serialVersionUID = 1L;
  /** The violated constraint's name, or null when the server did not name it. */
  private final String constraint;

  /**
   * @param sqlState the SQLSTATE (class 23)
   * @param constraint the violated constraint's name, or null when the server did not name it
   * @param message the diagnostic
   * @param cause the driver's exception
   */
  public ConstraintViolationException(
      String sqlState, String constraint, String message, Throwable cause) {
    super(sqlState, message, cause);
    this.constraint = constraint;
  }

  /** The violated constraint's name, or null when the server did not name it. */
  public String constraint() {
    return constraint;
  }
}
