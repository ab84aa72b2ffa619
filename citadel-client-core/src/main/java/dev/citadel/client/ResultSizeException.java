package dev.citadel.client;

/** A query expected to return exactly one row (or at most one) returned a different number. */
public class ResultSizeException extends CitadelException {
  private static final long serialVersionUID = 1L;
  /** What was expected, e.g. {@code "exactly 1"}. */
  private final String expected;
  /** How many rows came back; 2 means "more than one". */
  private final int actual;

  /**
   * @param expected what was expected, e.g. {@code "exactly 1"} or {@code "at most 1"}
   * @param actual how many rows came back (stops counting at 2)
   */
  public ResultSizeException(String expected, int actual) {
    super("expected " + expected + " row(s), got " + (actual > 1 ? "more than 1" : actual));
    this.expected = expected;
    this.actual = actual;
  }

  /** What was expected, e.g. {@code "exactly 1"}. */
  public String expected() {
    return expected;
  }

  /** How many rows came back; 2 means "more than one". */
  public int actual() {
    return actual;
  }
}
