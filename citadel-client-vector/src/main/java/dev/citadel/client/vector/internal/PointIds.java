package dev.citadel.client.vector.internal;

import dev.citadel.client.vector.PointId;
import java.util.UUID;

/** Point ids between the SDK and Qdrant's protocol. */
public final class PointIds {
  private PointIds() {}

  /** {@code id} as Qdrant's point id (a UUID or an unsigned number). */
  public static io.qdrant.client.grpc.Common.PointId toQdrant(PointId id) {
    return id.isUuid()
        ? io.qdrant.client.grpc.Common.PointId.newBuilder().setUuid(id.uuid().toString()).build()
        : io.qdrant.client.grpc.Common.PointId.newBuilder().setNum(id.number()).build();
  }

  /** Qdrant's point id as the SDK's. */
  public static PointId fromQdrant(io.qdrant.client.grpc.Common.PointId id) {
    return id.hasUuid() ? PointId.of(UUID.fromString(id.getUuid())) : PointId.of(id.getNum());
  }
}
