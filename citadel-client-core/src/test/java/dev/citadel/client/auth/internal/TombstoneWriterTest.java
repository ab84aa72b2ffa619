package dev.citadel.client.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.UnavailableException;
import dev.citadel.client.support.MapApiKeyCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tombstones the cache refused: retried in the background, cache bypassed meanwhile, given up after the TTL. */
class TombstoneWriterTest {
  private static final Duration TTL = Duration.ofSeconds(30);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final SettableClock clock = new SettableClock();
  private final MapApiKeyCache cache = new MapApiKeyCache();
  private final TombstoneWriter writer = new TombstoneWriter(cache, TTL, clock, scheduler);

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  @Test
  void aWrittenTombstoneLeavesTheCacheTrusted() {
    writer.write("abc");
    assertThat(cache.hasTombstone("abc")).isTrue();
    assertThat(writer.bypassCache("abc")).isFalse();
    assertThat(writer.unwritten()).isEmpty();
  }

  @Test
  void aRefusedTombstoneThrowsIsRetriedInTheBackgroundAndTheCacheIsBypassedMeanwhile() {
    cache.refuseTombstones = true;
    assertThatThrownBy(() -> writer.write("abc")).isInstanceOf(UnavailableException.class);
    assertThat(writer.bypassCache("abc")).isTrue();
    assertThat(writer.bypassCache("other")).isFalse();
    assertThat(writer.unwritten()).containsExactly("abc");

    cache.refuseTombstones = false;
    await().atMost(Duration.ofSeconds(20)).until(() -> cache.hasTombstone("abc"));
    assertThat(writer.bypassCache("abc")).isFalse();
    assertThat(writer.unwritten()).isEmpty();
  }

  @Test
  void aTombstoneStillRefusedAfterTheCacheTtlNoLongerMatters() {
    cache.refuseTombstones = true;
    assertThatThrownBy(() -> writer.write("abc")).isInstanceOf(UnavailableException.class);
    clock.now = clock.now.plus(TTL);
    assertThat(writer.bypassCache("abc")).as("every entry cached before the revocation has expired").isFalse();
    assertThat(writer.unwritten()).isEmpty();
  }

  private static final class SettableClock extends Clock {
    volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
