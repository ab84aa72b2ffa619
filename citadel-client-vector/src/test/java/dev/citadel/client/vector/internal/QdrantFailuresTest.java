package dev.citadel.client.vector.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.UnavailableException;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

/** The texts of Qdrant failures; the real failures are provoked against servers in the ITs. */
class QdrantFailuresTest {

  @Test
  void unavailableNamesWhereQdrantWasLookedFor() {
    CallFailure refused = new CallFailure("documents", Status.UNAVAILABLE.withDescription("io exception"), null);

    RuntimeException translated = QdrantFailures.at("qdrant.internal:6334").translate("qdrant", refused, 3);

    assertThat(translated).isInstanceOf(UnavailableException.class)
        .hasMessage("qdrant at qdrant.internal:6334 is unavailable after 3 attempts (collection 'documents'):"
            + " UNAVAILABLE: io exception");
  }
}
