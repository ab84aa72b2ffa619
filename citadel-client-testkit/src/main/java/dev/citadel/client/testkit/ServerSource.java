package dev.citadel.client.testkit;

/**
 * Where a test server provided by {@link CitadelTestKit} comes from.
 *
 * <p>The sources are tried in declaration order unless a mode is forced with {@code CITADEL_TESTKIT_MODE}.
 */
public enum ServerSource {
  /** A server that already runs elsewhere, named by {@code CITADEL_TEST_*} environment variables. */
  EXTERNAL,
  /** A container started through Testcontainers because a Docker engine answered. */
  TESTCONTAINERS,
  /**
   * A server started by the kit without Docker: a process from binaries shipped in Maven Central artifacts
   * (PostgreSQL, Redis), or for Qdrant the project's Qdrant-compatible local server in this JVM.
   */
  EMBEDDED
}
