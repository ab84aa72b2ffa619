package dev.citadel.client.vector.internal;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import dev.citadel.client.CitadelException;
import io.grpc.Status;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Guava futures into CompletableFutures, and blocking on them the right way. */
public final class Futures {
  private Futures() {}

  /**
   * Adapts a gRPC future; a failure becomes a {@link CallFailure} naming {@code collection}.
   * Cancelling the result cancels the call.
   */
  static <T> CompletableFuture<T> adapt(ListenableFuture<T> call, String collection) {
    CompletableFuture<T> out = new CompletableFuture<>() {
      @Override
      public boolean cancel(boolean mayInterrupt) {
        call.cancel(mayInterrupt);
        return super.cancel(mayInterrupt);
      }
    };
    com.google.common.util.concurrent.Futures.addCallback(call, new FutureCallback<>() {
      @Override
      public void onSuccess(T result) {
        out.complete(result);
      }

      @Override
      public void onFailure(Throwable t) {
        out.completeExceptionally(new CallFailure(collection, Status.fromThrowable(t), t));
      }
    }, MoreExecutors.directExecutor());
    return out;
  }

  /**
   * Waits for {@code future}: its value, or its failure unwrapped from
   * {@link CompletionException}/{@link ExecutionException}. An interrupt cancels the future,
   * restores the thread's flag and throws a {@link CitadelException}.
   */
  public static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new CitadelException("interrupted while waiting for Qdrant", e);
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } catch (CancellationException e) {
      throw new CitadelException("the Qdrant call was cancelled", e);
    }
  }

  /** The failure a caller should see: unwrapped, unchecked. */
  static RuntimeException rethrow(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof RuntimeException r ? r : new CitadelException(String.valueOf(t), t);
  }
}
