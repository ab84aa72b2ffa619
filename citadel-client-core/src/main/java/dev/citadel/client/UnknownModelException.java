package dev.citadel.client;

import java.util.Set;

/** A model name that is not in the configured model registry. */
public class UnknownModelException extends CitadelException {
  private static final long serialVersionUID = 1L;
  /** The model name that was asked for. */
  private final String model;

  /**
   * @param model the name that was asked for
   * @param known the names the registry knows, for the message
   */
  public UnknownModelException(String model, Set<String> known) {
    super("unknown model '" + model + "'; configured models: " + known
        + " (add it under database.models or database.schemas)");
    this.model = model;
  }

  /** The model name that was asked for. */
  public String model() {
    return model;
  }
}
