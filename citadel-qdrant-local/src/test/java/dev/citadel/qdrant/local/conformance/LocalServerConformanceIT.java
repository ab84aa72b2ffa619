package dev.citadel.qdrant.local.conformance;

import dev.citadel.qdrant.local.support.LocalServerTarget;
import dev.citadel.qdrant.local.support.QdrantTarget;

/** The conformance suite against the project's Qdrant-compatible local server (always runs). */
class LocalServerConformanceIT extends QdrantConformanceSuite {
  @Override
  protected QdrantTarget startTarget() {
    return new LocalServerTarget();
  }
}
