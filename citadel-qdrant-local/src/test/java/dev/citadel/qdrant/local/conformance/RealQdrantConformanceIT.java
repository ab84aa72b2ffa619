package dev.citadel.qdrant.local.conformance;

import dev.citadel.qdrant.local.support.ContainerTarget;
import dev.citadel.qdrant.local.support.QdrantTarget;

/**
 * The same conformance suite against a real Qdrant container. Where no Docker engine answers,
 * every test is reported skipped with {@link ContainerTarget#NO_DOCKER} as the reason.
 */
class RealQdrantConformanceIT extends QdrantConformanceSuite {
  @Override
  protected QdrantTarget startTarget() {
    return ContainerTarget.startIfDocker();
  }

  @Override
  protected String unavailableReason() {
    return ContainerTarget.NO_DOCKER;
  }
}
