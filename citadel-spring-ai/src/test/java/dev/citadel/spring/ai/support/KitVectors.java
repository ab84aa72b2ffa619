package dev.citadel.spring.ai.support;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.vector.CitadelVectors;

/** A {@link CitadelVectors} on the test kit's Qdrant, with the kit's quick-failure test defaults. */
public final class KitVectors {
  private KitVectors() {}

  /** A new client; the caller closes it. {@code batchSize} points per upsert request. */
  public static CitadelVectors create(int batchSize) {
    return CitadelVectors.create(CitadelConfig.fromValues(CitadelTestKit.config(CitadelTestKit.qdrant())
        .with("qdrant.upsert.batch_size", batchSize).values()));
  }
}
