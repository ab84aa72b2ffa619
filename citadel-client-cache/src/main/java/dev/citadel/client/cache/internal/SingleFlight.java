package dev.citadel.client.cache.internal;

import dev.citadel.client.CitadelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * At most one computation per key at a time in this process; callers arriving while it runs
 * wait for its outcome. Shared by every response cache of one client.
 */
public final class SingleFlight {
  private final ConcurrentMap<String, CompletableFuture<Object>> running = new ConcurrentHashMap<>();

  /** Runs {@code work} unless a call for {@code key} is running, in which case waits for it. */
  @SuppressWarnings("unchecked")
  public <T> T run(String key, Supplier<T> work) {
    CompletableFuture<Object> mine = new CompletableFuture<>();
    CompletableFuture<Object> theirs = running.putIfAbsent(key, mine);
    if (theirs != null) {
      return (T) await(theirs);
    }
    try {
      T result = work.get();
      mine.complete(result);
      return result;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      running.remove(key, mine);
    }
  }

  private static Object await(CompletableFuture<Object> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CitadelException("interrupted while waiting for another caller's computation", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new CitadelException("computation failed", e.getCause());
    }
  }
}
