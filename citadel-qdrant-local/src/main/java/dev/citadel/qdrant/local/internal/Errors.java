package dev.citadel.qdrant.local.internal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The status codes and message texts Qdrant answers with (lib/storage content_manager/errors.rs
 * and conversions.rs: BadInput -> INVALID_ARGUMENT "Wrong input: ...", NotFound -> NOT_FOUND
 * "Not found: ...", AlreadyExists -> ALREADY_EXISTS).
 */
final class Errors {
  private Errors() {}

  static StatusRuntimeException collectionNotFound(String name) {
    return Status.NOT_FOUND
        .withDescription("Not found: Collection `" + name + "` doesn't exist!")
        .asRuntimeException();
  }

  static StatusRuntimeException collectionExists(String name) {
    return Status.ALREADY_EXISTS
        .withDescription("Wrong input: Collection `" + name + "` already exists!")
        .asRuntimeException();
  }

  static StatusRuntimeException pointNotFound(PointKey id) {
    return Status.NOT_FOUND
        .withDescription("Not found: No point with id " + id + " found")
        .asRuntimeException();
  }

  static StatusRuntimeException dimension(int expected, int got) {
    return badInput("Vector dimension error: expected dim: " + expected + ", got " + got);
  }

  static StatusRuntimeException badInput(String description) {
    return Status.INVALID_ARGUMENT.withDescription("Wrong input: " + description).asRuntimeException();
  }

  static StatusRuntimeException invalid(String description) {
    return Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException();
  }

  /** A request feature this server does not implement: never answered with a guess. */
  static StatusRuntimeException unimplemented(String feature) {
    return Status.UNIMPLEMENTED
        .withDescription(feature + " is not implemented by the citadel Qdrant-compatible local server"
            + " (see QDRANT-COMPATIBILITY.md)")
        .asRuntimeException();
  }
}
