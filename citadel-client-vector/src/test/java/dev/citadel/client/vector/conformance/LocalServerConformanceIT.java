package dev.citadel.client.vector.conformance;

import dev.citadel.client.vector.support.LocalServerTarget;
import dev.citadel.client.vector.support.QdrantTarget;

/** The conformance suite against the project's Qdrant-compatible local server (always runs). */
class LocalServerConformanceIT extends QdrantConformanceSuite {
  @Override
  protected QdrantTarget startTarget() {
    return new LocalServerTarget();
  }
}
