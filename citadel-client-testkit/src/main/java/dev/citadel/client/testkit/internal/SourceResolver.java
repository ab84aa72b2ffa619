package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.ServerSource;

import java.util.function.BooleanSupplier;

/**
 * Decides where a server comes from: a forced {@link Settings#MODE}, else external when its host variable is set,
 * else Testcontainers when Docker answers, else embedded binaries.
 */
public final class SourceResolver {

  /** The kinds of server the kit provides. */
  public enum Kind {
    /** PostgreSQL, external when {@link Settings#POSTGRES_HOST} is set. */
    POSTGRES("PostgreSQL", Settings.POSTGRES_HOST),
    /** Redis, external when {@link Settings#REDIS_HOST} is set. */
    REDIS("Redis", Settings.REDIS_HOST),
    /** Qdrant, external when {@link Settings#QDRANT_HOST} is set; embedded means the local server in-process. */
    QDRANT("Qdrant", Settings.QDRANT_HOST);

    private final String displayName;
    private final String hostVariable;

    Kind(String displayName, String hostVariable) {
      this.displayName = displayName;
      this.hostVariable = hostVariable;
    }

    /**
     * Returns the product name.
     *
     * @return e.g. PostgreSQL
     */
    public String displayName() {
      return displayName;
    }

    /**
     * Returns the variable naming an external server.
     *
     * @return the host variable
     */
    public String hostVariable() {
      return hostVariable;
    }
  }

  private SourceResolver() {
  }

  /**
   * Chooses the source of a server.
   *
   * @param kind which server
   * @param settings the configuration
   * @param dockerAvailable asked only when the choice depends on it
   * @return the source to use
   * @throws IllegalStateException when a forced mode cannot be honoured
   */
  public static ServerSource choose(Kind kind, Settings settings, BooleanSupplier dockerAvailable) {
    ServerSource forced = settings.mode();
    boolean hostSet = settings.get(kind.hostVariable) != null;
    if (forced == ServerSource.EXTERNAL) {
      if (!hostSet) {
        throw new IllegalStateException(Settings.MODE + "=external but " + kind.hostVariable
            + " is not set: name the external " + kind.displayName + " server to use");
      }
      return ServerSource.EXTERNAL;
    }
    if (forced == ServerSource.TESTCONTAINERS) {
      if (!dockerAvailable.getAsBoolean()) {
        throw new IllegalStateException(Settings.MODE + "=testcontainers but no Docker engine answers "
            + "(Testcontainers found no usable Docker environment)");
      }
      return ServerSource.TESTCONTAINERS;
    }
    if (forced == ServerSource.EMBEDDED) {
      return ServerSource.EMBEDDED;
    }
    if (hostSet) {
      return ServerSource.EXTERNAL;
    }
    if (dockerAvailable.getAsBoolean()) {
      return ServerSource.TESTCONTAINERS;
    }
    return ServerSource.EMBEDDED;
  }
}
