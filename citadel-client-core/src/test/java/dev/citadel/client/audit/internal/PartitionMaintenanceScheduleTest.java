package dev.citadel.client.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When the writer maintains partitions: at start, every interval, sooner after a failure, never while PostgreSQL fails. */
class PartitionMaintenanceScheduleTest {
  private static final long START = 1_000L;
  private static final long HOUR = TimeUnit.HOURS.toNanos(1);
  private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

  @Test
  void runsAtStartThenEveryInterval() {
    AtomicInteger runs = new AtomicInteger();
    PartitionMaintenanceSchedule schedule =
        new PartitionMaintenanceSchedule(runs::incrementAndGet, Duration.ofHours(1), START);
    assertThat(schedule.isDue(START)).isTrue();
    schedule.run(START, false);
    assertThat(runs).hasValue(1);
    assertThat(schedule.nextRunNanos()).isEqualTo(START + HOUR);
    assertThat(schedule.isDue(START + HOUR - 1)).isFalse();
    assertThat(schedule.isDue(START + HOUR)).isTrue();
  }

  @Test
  void aFailedRunIsRetriedAfterAMinuteOrTheIntervalIfShorter() {
    PartitionMaintenanceSchedule hourly = new PartitionMaintenanceSchedule(() -> {
      throw new IllegalStateException("boom");
    }, Duration.ofHours(1), START);
    hourly.run(START, false);
    assertThat(hourly.nextRunNanos()).isEqualTo(START + MINUTE);

    PartitionMaintenanceSchedule everySecond = new PartitionMaintenanceSchedule(() -> {
      throw new IllegalStateException("boom");
    }, Duration.ofSeconds(1), START);
    everySecond.run(START, false);
    assertThat(everySecond.nextRunNanos()).isEqualTo(START + TimeUnit.SECONDS.toNanos(1));
  }

  @Test
  void whilePostgresqlFailsMaintenanceIsPutOffByAMinute() {
    AtomicInteger runs = new AtomicInteger();
    PartitionMaintenanceSchedule schedule =
        new PartitionMaintenanceSchedule(runs::incrementAndGet, Duration.ofSeconds(1), START);
    schedule.run(START, true);
    assertThat(runs).hasValue(0);
    assertThat(schedule.nextRunNanos()).isEqualTo(START + MINUTE);
  }

  @Test
  void dueTimesSurviveNanoTimeWrapping() {
    long nearMax = Long.MAX_VALUE - 10;
    AtomicInteger runs = new AtomicInteger();
    PartitionMaintenanceSchedule schedule =
        new PartitionMaintenanceSchedule(runs::incrementAndGet, Duration.ofHours(1), nearMax);
    schedule.run(nearMax, false);
    assertThat(schedule.isDue(nearMax + 20)).isFalse();
    assertThat(schedule.isDue(nearMax + HOUR)).isTrue();
  }
}
