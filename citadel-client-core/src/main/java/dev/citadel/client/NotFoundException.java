package dev.citadel.client;

/** A row that was asked for by its key does not exist (or no longer exists). */
public class NotFoundException extends CitadelException {
  private static final long serialVersionUID = 1L;
  /** What was looked for, e.g. {@code user}. */
  private final String entity;
  /** The key it was looked for by. */
  private final String key;

  /**
   * @param entity what was looked for, e.g. {@code user}
   * @param key the key it was looked for by
   */
  public NotFoundException(String entity, Object key) {
    super(entity + " " + key + " does not exist");
    this.entity = entity;
    this.key = String.valueOf(key);
  }

  /** What was looked for, e.g. {@code user}. */
  public String entity() {
    return entity;
  }

  /** The key it was looked for by. */
  public String key() {
    return key;
  }
}
