package dev.citadel.client.vector.internal;

import dev.citadel.client.CitadelException;
import dev.citadel.client.UnavailableException;
import dev.citadel.client.spi.FailureClassifier;
import dev.citadel.client.spi.TlsFailures;
import dev.citadel.client.vector.CollectionNotFoundException;
import dev.citadel.client.vector.DimensionMismatchException;
import dev.citadel.client.vector.VectorRequestException;
import io.grpc.Status;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where gRPC failures from Qdrant become citadel-client exceptions. UNAVAILABLE,
 * DEADLINE_EXCEEDED and RESOURCE_EXHAUSTED are transient (Qdrant unreachable, too slow, or rate
 * limiting): retried for idempotent calls and counted by the breaker. Qdrant's own answers
 * (NOT_FOUND for a collection, INVALID_ARGUMENT for a dimension) get their typed exception.
 */
public final class QdrantFailures implements FailureClassifier {
  /** Qdrant's text for a wrong dimension (segment operation_error.rs). */
  private static final Pattern DIMENSION = Pattern.compile("expected dim: (\\d+), got (\\d+)");

  /** Where Qdrant is ({@code host:port}), named in "unavailable" messages. */
  private final String endpoint;

  private QdrantFailures(String endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * The classifier of one Qdrant endpoint: its "unavailable" messages say where Qdrant was looked
   * for, so a user sees at once whether the host or port is wrong.
   *
   * @param endpoint {@code host:port} as configured
   * @return a classifier naming {@code endpoint}
   */
  public static QdrantFailures at(String endpoint) {
    return new QdrantFailures(Objects.requireNonNull(endpoint, "endpoint"));
  }

  @Override
  public boolean isTransient(Throwable failure) {
    if (failure instanceof UnavailableException u) {
      return !u.breakerOpen();
    }
    if (!(failure instanceof CallFailure f)) {
      return false;
    }
    if (TlsFailures.reasonOf(failure).isPresent()) {
      return false; // a certificate or protocol problem: retrying cannot fix it
    }
    Status.Code code = f.status().getCode();
    return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
        || code == Status.Code.RESOURCE_EXHAUSTED;
  }

  @Override
  public RuntimeException translate(String backend, Throwable failure, int attempts) {
    if (failure instanceof CitadelException c) {
      return c;
    }
    if (!(failure instanceof CallFailure f)) {
      return failure instanceof RuntimeException r ? r : new CitadelException(backend + ": " + failure, failure);
    }
    java.util.Optional<dev.citadel.client.TlsException.Reason> tls = TlsFailures.reasonOf(f);
    if (tls.isPresent()) {
      return TlsFailures.translate(backend + " at " + endpoint, "qdrant", tls.get(), f);
    }
    Status status = f.status();
    String where = f.collection() == null ? "" : " (collection '" + f.collection() + "')";
    String description = status.getDescription() == null ? "" : ": " + status.getDescription();
    Throwable cause = f.getCause() == null ? f : f.getCause();
    if (isTransient(f)) {
      String tries = attempts > 1 ? " after " + attempts + " attempts" : "";
      String hint = status.getCode() == Status.Code.DEADLINE_EXCEEDED
          ? " (each call's deadline is qdrant.call_timeout)" : "";
      return new UnavailableException(backend, false,
          backend + " at " + endpoint + " is unavailable" + tries + where + ": " + status.getCode() + description + hint, cause);
    }
    String text = status.getDescription() == null ? "" : status.getDescription();
    if (status.getCode() == Status.Code.NOT_FOUND && text.contains("Collection") && f.collection() != null) {
      return new CollectionNotFoundException(f.collection(), cause);
    }
    Matcher m = DIMENSION.matcher(text);
    if (status.getCode() == Status.Code.INVALID_ARGUMENT && m.find()) {
      return new DimensionMismatchException(f.collection(), Integer.parseInt(m.group(1)),
          Integer.parseInt(m.group(2)), cause);
    }
    return new VectorRequestException(f.collection(), status.getCode().name(),
        backend + " rejected the request" + where + ": " + status.getCode() + description, cause);
  }
}
