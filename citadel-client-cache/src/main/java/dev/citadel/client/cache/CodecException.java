package dev.citadel.client.cache;

import dev.citadel.client.CitadelException;

/**
 * A value could not be encoded, or stored bytes could not be decoded, by a {@link ValueCodec}.
 * The message names the codec and the type, never the value; the cause holds the codec's own
 * failure.
 */
public class CodecException extends CitadelException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
