package dev.citadel.client;

import java.util.Objects;

/**
 * A call was refused before anything reached a backend because one of its arguments breaks a
 * documented rule: an empty id, a TTL outside its bounds, a vector holding NaN, an audit event
 * without an action. The one argument error of every module (modules subclass it only to carry
 * more, e.g. a size limit). Nothing was written for the refused call; what was accepted before is
 * unaffected. The message names the argument and the rule, never the argument's content.
 */
public class InvalidArgumentException extends CitadelException {
  private static final long serialVersionUID = 1L;

  private final String argument;
  private final String reason;

  /**
   * @param argument the argument at fault, e.g. {@code userId}, {@code ttl}, {@code action}
   * @param reason what is wrong with it, without its content
   */
  public InvalidArgumentException(String argument, String reason) {
    super(Objects.requireNonNull(argument, "argument") + ": " + Objects.requireNonNull(reason, "reason"));
    this.argument = argument;
    this.reason = reason;
  }

  /** The argument at fault, e.g. {@code userId}, {@code ttl}, {@code action}. */
  public String argument() {
    return argument;
  }

  /** What is wrong with the argument (the message without the argument's name). */
  public String reason() {
    return reason;
  }
}
