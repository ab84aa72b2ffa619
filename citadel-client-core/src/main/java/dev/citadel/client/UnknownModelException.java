package dev.citadel.client;

import java.util.Locale;
import java.util.Set;

/**
 * A model name that is not in the configured model registry. The message lists the configured
 * models and, when one differs only in case or punctuation ({@code Mixtral}, {@code yi-34}),
 * asks "did you mean" it.
 */
public class UnknownModelException extends CitadelException {
  private static final long serialVersionUID = 1L;
  /** The model name that was asked for. */
  private final String model;

  /**
   * @param model the name that was asked for
   * @param known the names the registry knows, for the message
   */
  public UnknownModelException(String model, Set<String> known) {
    super("unknown model '" + model + "'" + suggestion(model, known) + "; configured models: " + known
        + " (add it under database.models or database.schemas)");
    this.model = model;
  }

  /** The model name that was asked for. */
  public String model() {
    return model;
  }

  /** Model names are matched exactly; a near miss in case or punctuation is most likely a typo. */
  private static String suggestion(String model, Set<String> known) {
    String wanted = loose(model);
    return known.stream().filter(k -> loose(k).equals(wanted)).findFirst()
        .map(k -> " (did you mean '" + k + "'? model names are case-sensitive)")
        .orElse("");
  }

  private static String loose(String name) {
    return name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[-_.]", "");
  }
}
