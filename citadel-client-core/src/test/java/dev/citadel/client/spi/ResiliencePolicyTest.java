package dev.citadel.client.spi;

import dev.citadel.client.resilience.BreakerState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.CitadelException;
import dev.citadel.client.QueryException;
import dev.citadel.client.UnavailableException;
import dev.citadel.client.config.ResilienceConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Policy logic with a classifier of our own; the SQL classifier is tested against a server. */
class ResiliencePolicyTest {

  /** "down" is transient, "bad" is not; "unsent" never reached the backend. */
  private static final FailureClassifier CLASSIFIER = new FailureClassifier() {
    @Override
    public boolean isTransient(Throwable failure) {
      return failure.getMessage().startsWith("down") || failure.getMessage().startsWith("unsent");
    }

    @Override
    public boolean isNotSent(Throwable failure) {
      return failure.getMessage().startsWith("unsent");
    }

    @Override
    public RuntimeException translate(String backend, Throwable failure, int attempts) {
      return isTransient(failure)
          ? new UnavailableException(backend, false, backend + " down after " + attempts, failure)
          : new QueryException(null, failure.getMessage(), failure);
    }
  };

  private static ResilienceConfig fast() {
    return ResilienceConfig.builder().maxAttempts(3).initialDelay(Duration.ofMillis(1))
        .maxDelay(Duration.ofMillis(5)).failureThreshold(100).breakerDelay(Duration.ofMillis(200))
        .successThreshold(2).build();
  }

  @Test
  void transientFailuresOfIdempotentWorkAreRetriedThenTyped() {
    ResiliencePolicy policy = ResiliencePolicy.create("db", fast(), CLASSIFIER);
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> policy.call(true, () -> {
      calls.incrementAndGet();
      throw new java.io.IOException("down: refused");
    }))
        .isInstanceOf(UnavailableException.class)
        .hasMessage("db down after 3")
        .hasCauseInstanceOf(java.io.IOException.class);
    assertThat(calls).hasValue(3);
  }

  @Test
  void aTransientFailureThatPassesIsInvisible() {
    ResiliencePolicy policy = ResiliencePolicy.create("db", fast(), CLASSIFIER);
    AtomicInteger calls = new AtomicInteger();
    String result = policy.call(true, () -> {
      if (calls.incrementAndGet() < 3) {
        throw new IllegalStateException("down: once more");
      }
      return "ok";
    });
    assertThat(result).isEqualTo("ok");
    assertThat(calls).hasValue(3);
  }

  @Test
  void permanentFailuresAreNeverRetried() {
    ResiliencePolicy policy = ResiliencePolicy.create("db", fast(), CLASSIFIER);
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> policy.call(true, () -> {
      calls.incrementAndGet();
      throw new java.sql.SQLException("bad syntax");
    })).isInstanceOf(QueryException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void nonIdempotentWorkIsRetriedOnlyWhenItNeverReachedTheBackend() {
    ResiliencePolicy policy = ResiliencePolicy.create("db", fast(), CLASSIFIER);
    AtomicInteger sent = new AtomicInteger();
    assertThatThrownBy(() -> policy.call(false, () -> {
      sent.incrementAndGet();
      throw new IllegalStateException("down: mid-write");
    })).isInstanceOf(UnavailableException.class);
    assertThat(sent).hasValue(1);

    AtomicInteger unsent = new AtomicInteger();
    assertThatThrownBy(() -> policy.call(false, () -> {
      unsent.incrementAndGet();
      throw new IllegalStateException("unsent: no connection");
    })).isInstanceOf(UnavailableException.class);
    assertThat(unsent).hasValue(3);
  }

  @Test
  void ourOwnExceptionsPassThroughUntouched() {
    ResiliencePolicy policy = ResiliencePolicy.create("db", fast(), CLASSIFIER);
    CitadelException own = new CitadelException("mine");
    assertThatThrownBy(() -> policy.call(true, () -> {
      throw own;
    })).isSameAs(own);
  }

  @Test
  void breakerOpensAfterThresholdFailsFastThenClosesAfterTrialSuccesses() {
    ResilienceConfig config = fast().toBuilder().maxAttempts(1).failureThreshold(3).build();
    ResiliencePolicy policy = ResiliencePolicy.create("db", config, CLASSIFIER);
    AtomicInteger calls = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> policy.call(true, () -> {
        calls.incrementAndGet();
        throw new IllegalStateException("down");
      })).isInstanceOf(UnavailableException.class)
          .satisfies(e -> assertThat(((UnavailableException) e).breakerOpen()).isFalse());
    }
    assertThat(policy.breakerState()).isEqualTo(BreakerState.OPEN);

    assertThatThrownBy(() -> policy.call(true, () -> calls.incrementAndGet()))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("circuit breaker is open")
        .satisfies(e -> assertThat(((UnavailableException) e).breakerOpen()).isTrue());
    assertThat(calls).as("an open breaker does not call the backend").hasValue(3);

    await().atMost(Duration.ofSeconds(5)).until(() -> {
      try {
        return policy.call(true, () -> "ok").equals("ok");
      } catch (UnavailableException e) {
        return false;
      }
    });
    assertThat(policy.breakerState()).isEqualTo(BreakerState.HALF_OPEN);
    policy.call(true, () -> "ok");
    assertThat(policy.breakerState()).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void permanentFailuresDoNotOpenTheBreaker() {
    ResilienceConfig config = fast().toBuilder().maxAttempts(1).failureThreshold(2).build();
    ResiliencePolicy policy = ResiliencePolicy.create("db", config, CLASSIFIER);
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> policy.call(true, () -> {
        throw new IllegalStateException("bad request");
      })).isInstanceOf(QueryException.class);
    }
    assertThat(policy.breakerState()).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void onlyConsecutiveTransientFailuresOpenTheBreaker() {
    ResilienceConfig config = fast().toBuilder().maxAttempts(1).failureThreshold(3).build();
    ResiliencePolicy policy = ResiliencePolicy.create("db", config, CLASSIFIER);
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> policy.call(true, () -> {
          throw new IllegalStateException("down");
        })).isInstanceOf(UnavailableException.class);
      }
      // Two failures, then enough successes to push them out of the breaker's window.
      for (int i = 0; i < 3; i++) {
        assertThat(policy.call(true, () -> "ok")).isEqualTo("ok");
      }
    }
    assertThat(policy.breakerState()).as("10 failures, never 3 in a row").isEqualTo(BreakerState.CLOSED);

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> policy.call(true, () -> {
        throw new IllegalStateException("down");
      })).isInstanceOf(UnavailableException.class);
    }
    assertThat(policy.breakerState()).isEqualTo(BreakerState.OPEN);
  }

  @Test
  void equalDelayBoundsMeanAFixedDelay() {
    ResilienceConfig config = fast().toBuilder()
        .initialDelay(Duration.ofMillis(2)).maxDelay(Duration.ofMillis(2)).build();
    ResiliencePolicy policy = ResiliencePolicy.create("db", config, CLASSIFIER);
    AtomicInteger calls = new AtomicInteger();
    String result = policy.call(true, () -> {
      if (calls.incrementAndGet() < 3) {
        throw new IllegalStateException("down: once more");
      }
      return "ok";
    });
    assertThat(result).isEqualTo("ok");
    assertThat(calls).hasValue(3);
  }
}
