package dev.citadel.client.vector.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.spi.Backoff;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The relay's wait after a failed attempt or outage pass: the sync interval, doubling, at most a
 * minute; and how long it leases a pass's records.
 */
class OutboxRelayBackoffTest {

  @Test
  void theIntervalDoublesPerFailedAttemptUpToAMinute() {
    Backoff backoff = OutboxRelay.retryBackoff(Duration.ofMillis(100));

    assertThat(backoff.delay(1)).as("after the first failure").isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.delay(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(backoff.delay(10)).isEqualTo(Duration.ofMillis(51_200));
    assertThat(backoff.delay(11)).as("102.4 s, capped").isEqualTo(Duration.ofMinutes(1));
    assertThat(backoff.delay(1_000)).as("no overflow however many attempts").isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void anIntervalLongerThanTheCapWaitsTheCap() {
    assertThat(OutboxRelay.retryBackoff(Duration.ofMinutes(5)).delay(1)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void aPassLeasesItsRecordsForSixCallDeadlinesAndAtLeastAMinute() {
    assertThat(OutboxRelay.lease(Duration.ofSeconds(10))).isEqualTo(Duration.ofMinutes(1));
    assertThat(OutboxRelay.lease(Duration.ofSeconds(30))).isEqualTo(Duration.ofMinutes(3));
  }
}
