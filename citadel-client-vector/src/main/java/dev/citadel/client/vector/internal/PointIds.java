package dev.citadel.client.vector.internal;

import dev.citadel.client.vector.PointId;
import java.util.UUID;

/** Point ids between the SDK and Qdrant's protocol. */
public final class PointIds {
  private PointIds() {}

  public static io.qdrant.client.grpc.Common.PointId toQdrant(PointId id) {
    return id.isUuid()
        ? io.qdrant.client.grpc.Common.PointId.newBuilder().setUuid(id.uuid().toString()).build()
        : io.qdrant.client.grpc.Common.PointId.newBuilder().setNum(id.number()).build();
  }

  public static PointId fromQdrant(io.qdrant.client.grpc.Common.PointId id) {
    return id.hasUuid() ? PointId.of(UUID.fromString(id.getUuid())) : PointId.of(id.getNum());
  }
}
