package dev.citadel.client;

/**
 * An update or delete named a version that is no longer current: someone else changed the row
 * since it was read. Read it again, re-apply the change, and retry.
 */
public class VersionConflictException extends CitadelException {
  private static final long serialVersionUID = 1L;
  /** The kind of row, e.g. {@code user}. */
  private final String entity;
  /** The row's key. */
  private final String key;
  /** The version the caller held. */
  private final long expectedVersion;

  /**
   * @param entity e.g. {@code user}
   * @param key the row's key
   * @param expectedVersion the version the caller held
   */
  public VersionConflictException(String entity, Object key, long expectedVersion) {
    this(entity, key, expectedVersion, entity + " " + key + " was changed by someone else (expected version "
        + expectedVersion + "); read it again and retry");
  }

  /**
   * For subtypes whose advice differs from "read it again and retry".
   *
   * @param entity e.g. {@code user}
   * @param key the row's key
   * @param expectedVersion the version the caller held
   * @param message the whole message
   */
  protected VersionConflictException(String entity, Object key, long expectedVersion, String message) {
    super(message);
    this.entity = entity;
    this.key = String.valueOf(key);
    this.expectedVersion = expectedVersion;
  }

  /** e.g. {@code user}. */
  public String entity() {
    return entity;
  }

  /** The row's key. */
  public String key() {
    return key;
  }

  /** The version the caller held. */
  public long expectedVersion() {
    return expectedVersion;
  }
}
