package dev.citadel.client.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesFromInitialUpToMaxWithoutJitter() {
    Backoff backoff = Backoff.exponential(Duration.ofMillis(10), Duration.ofMillis(100), 0.0);
    assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(10));
    assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(20));
    assertThat(backoff.delay(4)).isEqualTo(Duration.ofMillis(80));
    assertThat(backoff.delay(5)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void jitterStaysWithinItsFractionAndUnderMax() {
    Backoff backoff = Backoff.exponential(Duration.ofMillis(100), Duration.ofMillis(150), 0.25);
    for (int i = 0; i < 1_000; i++) {
      assertThat(backoff.delay(1)).isBetween(Duration.ofMillis(75), Duration.ofMillis(125));
      assertThat(backoff.delay(3)).isBetween(Duration.ofMillis(112), Duration.ofMillis(150));
    }
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> Backoff.exponential(Duration.ZERO, Duration.ofMillis(1), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initial");
    assertThatThrownBy(() -> Backoff.exponential(Duration.ofMillis(2), Duration.ofMillis(1), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max");
    assertThatThrownBy(() -> Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(1), 1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
    Backoff backoff = Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(1), 0);
    assertThatThrownBy(() -> backoff.delay(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failures");
  }
}
