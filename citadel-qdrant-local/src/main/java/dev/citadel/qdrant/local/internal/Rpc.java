package dev.citadel.qdrant.local.internal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one unary call: the answer, or the status the engine raised (INTERNAL for a bug). */
final class Rpc {
  private static final Logger LOG = LoggerFactory.getLogger(Rpc.class);

  private Rpc() {}

  static <T> void unary(StreamObserver<T> observer, Supplier<T> call) {
    T response;
    try {
      response = call.get();
    } catch (StatusRuntimeException e) {
      observer.onError(e);
      return;
    } catch (RuntimeException e) {
      LOG.error("local Qdrant server: request failed unexpectedly", e);
      observer.onError(Status.INTERNAL.withDescription("Service internal error: " + e).withCause(e)
          .asRuntimeException());
      return;
    }
    observer.onNext(response);
    observer.onCompleted();
  }

  /** Seconds since {@code startNanos}, for the responses' {@code time} field. */
  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
