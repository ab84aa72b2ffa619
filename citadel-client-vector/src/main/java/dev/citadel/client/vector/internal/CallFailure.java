package dev.citadel.client.vector.internal;

import io.grpc.Status;

/**
 * A gRPC call that failed, with the collection it concerned, so the failure mapping can name it.
 * Never reaches callers: {@link QdrantFailures} turns it into a citadel exception.
 */
final class CallFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String collection;
  private final transient Status status;

  CallFailure(String collection, Status status, Throwable cause) {
    super(status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription()), cause, false,
        false);
    this.collection = collection;
    this.status = status;
  }

  String collection() {
    return collection;
  }

  Status status() {
    return status;
  }
}
