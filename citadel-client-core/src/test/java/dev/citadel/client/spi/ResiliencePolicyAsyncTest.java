package dev.citadel.client.spi;

import dev.citadel.client.resilience.BreakerState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.QueryException;
import dev.citadel.client.UnavailableException;
import dev.citadel.client.config.ResilienceConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link ResiliencePolicy#callAsync}: the same retries, breaker and translation as {@code call}. */
class ResiliencePolicyAsyncTest {

  /** "down" is transient, anything else is not. */
  private static final FailureClassifier CLASSIFIER = new FailureClassifier() {
    @Override
    public boolean isTransient(Throwable failure) {
      return failure.getMessage() != null && failure.getMessage().startsWith("down");
    }

    @Override
    public RuntimeException translate(String backend, Throwable failure, int attempts) {
      return isTransient(failure)
          ? new UnavailableException(backend, false, backend + " down after " + attempts, failure)
          : new QueryException(null, failure.getMessage(), failure);
    }
  };

  private static ResilienceConfig fast(int failureThreshold) {
    return ResilienceConfig.builder().maxAttempts(3).initialDelay(Duration.ofMillis(1))
        .maxDelay(Duration.ofMillis(5)).failureThreshold(failureThreshold).breakerDelay(Duration.ofSeconds(30))
        .build();
  }

  @Test
  void transientFailuresAreRetriedThenTranslatedUnwrapped() {
    ResiliencePolicy policy = ResiliencePolicy.create("svc", fast(100), CLASSIFIER);
    AtomicInteger calls = new AtomicInteger();

    CompletableFuture<String> result = policy.callAsync(true, () -> {
      calls.incrementAndGet();
      return CompletableFuture.failedFuture(new IllegalStateException("down: refused"));
    });

    assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(UnavailableException.class)
        .hasMessage("svc down after 3");
    assertThat(calls).hasValue(3);
  }

  @Test
  void aTransientFailureThatPassesCompletesNormally() throws Exception {
    ResiliencePolicy policy = ResiliencePolicy.create("svc", fast(100), CLASSIFIER);
    AtomicInteger calls = new AtomicInteger();

    String value = policy.callAsync(true, () -> calls.incrementAndGet() == 1
        ? CompletableFuture.<String>failedFuture(new IllegalStateException("down: once"))
        : CompletableFuture.completedFuture("ok")).get(10, TimeUnit.SECONDS);

    assertThat(value).isEqualTo("ok");
    assertThat(calls).hasValue(2);
  }

  @Test
  void permanentFailuresAndNonIdempotentWorkAreNotRetried() {
    ResiliencePolicy policy = ResiliencePolicy.create("svc", fast(100), CLASSIFIER);
    AtomicInteger calls = new AtomicInteger();
    CompletableFuture<Object> bad = policy.callAsync(true, () -> {
      calls.incrementAndGet();
      return CompletableFuture.failedFuture(new IllegalArgumentException("bad request"));
    });
    assertThatThrownBy(bad::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(QueryException.class);
    CompletableFuture<Object> write = policy.callAsync(false, () -> {
      calls.incrementAndGet();
      return CompletableFuture.failedFuture(new IllegalStateException("down: after sending"));
    });
    assertThatThrownBy(write::join).hasCauseInstanceOf(UnavailableException.class);
    assertThat(calls).hasValue(2);
  }

  @Test
  void anOpenBreakerFailsFastWithoutCalling() {
    ResiliencePolicy policy = ResiliencePolicy.create("svc", fast(3), CLASSIFIER);
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> policy.callAsync(true, () -> {
      calls.incrementAndGet();
      return CompletableFuture.failedFuture(new IllegalStateException("down"));
    }).join()).hasCauseInstanceOf(UnavailableException.class);
    assertThat(policy.breakerState()).isEqualTo(BreakerState.OPEN);

    assertThatThrownBy(() -> policy.callAsync(true, () -> {
      calls.incrementAndGet();
      return CompletableFuture.completedFuture("never");
    }).join()).cause().isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.breakerOpen()).isTrue());
    assertThat(calls).hasValue(3);
  }
}
