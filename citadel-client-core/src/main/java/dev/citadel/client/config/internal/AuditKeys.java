package dev.citadel.client.config.internal;

import static dev.citadel.client.config.internal.ConfigKeys.sectionKey;

import dev.citadel.client.config.internal.ConfigKeys.Kind;
import java.time.Duration;

/** The {@code audit:} section's keys (owned by the audit writer's needs). */
final class AuditKeys {
  private AuditKeys() {}

  static void register() {
    sectionKey("audit.buffer_capacity", Kind.INT, (d, v) -> d.audit.bufferCapacity((Integer) v));
    sectionKey("audit.batch_size", Kind.INT, (d, v) -> d.audit.batchSize((Integer) v));
    sectionKey("audit.flush_interval", Kind.DURATION, (d, v) -> d.audit.flushInterval((Duration) v));
  }
}
