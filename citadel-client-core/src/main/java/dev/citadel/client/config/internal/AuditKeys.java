package dev.citadel.client.config.internal;

import static dev.citadel.client.config.internal.ConfigKeys.sectionKey;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.AuditChainKey;
import dev.citadel.client.config.AuditOverflowPolicy;
import dev.citadel.client.config.AuditRetentionAction;
import dev.citadel.client.config.Secret;
import dev.citadel.client.config.spi.ConfigKey.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The {@code audit:} section's keys (owned by the audit writer's needs). */
final class AuditKeys {
  private AuditKeys() {}

  static void register() {
    sectionKey("audit.buffer_capacity", Kind.INT, (d, v) -> d.audit.bufferCapacity((Integer) v));
    sectionKey("audit.batch_size", Kind.INT, (d, v) -> d.audit.batchSize((Integer) v));
    sectionKey("audit.flush_interval", Kind.DURATION, (d, v) -> d.audit.flushInterval((Duration) v));
    sectionKey("audit.overflow_policy", Kind.TEXT, (d, v) -> d.audit.overflowPolicy(
        parse("audit.overflow_policy", (String) v, AuditOverflowPolicy::parse)));
    sectionKey("audit.overflow_timeout", Kind.DURATION, (d, v) -> d.audit.overflowTimeout((Duration) v));
    sectionKey("audit.flush_timeout", Kind.DURATION, (d, v) -> d.audit.flushTimeout((Duration) v));
    sectionKey("audit.max_details_bytes", Kind.INT, (d, v) -> d.audit.maxDetailsBytes((Integer) v));
    sectionKey("audit.chain_id", Kind.TEXT, (d, v) -> d.audit.chainId((String) v));
    sectionKey("audit.spill.directory", Kind.TEXT, (d, v) -> d.audit.spillDirectory(
        parse("audit.spill.directory", (String) v, Path::of)));
    sectionKey("audit.spill.max_size_mb", Kind.INT, (d, v) -> d.audit.spillMaxMegabytes((Integer) v));
    sectionKey("audit.partitions.months_ahead", Kind.INT,
        (d, v) -> d.audit.partitionMonthsAhead((Integer) v));
    sectionKey("audit.partitions.retention_months", Kind.INT,
        (d, v) -> d.audit.retentionMonths((Integer) v));
    sectionKey("audit.partitions.retention_action", Kind.TEXT, (d, v) -> d.audit.retentionAction(
        parse("audit.partitions.retention_action", (String) v, AuditRetentionAction::parse)));
    sectionKey("audit.partitions.maintenance_interval", Kind.DURATION,
        (d, v) -> d.audit.maintenanceInterval((Duration) v));
    sectionKey("audit.chain_key.id", Kind.TEXT, (d, v) -> d.audit.chainKeyId((String) v));
    sectionKey("audit.chain_key.secret", Kind.SECRET, (d, v) -> d.audit.chainKeySecret(Secret.of((String) v)));
    sectionKey("audit.chain_key.retired", Kind.SECRET, (d, v) -> d.audit.retiredKeys(retiredKeys((String) v)));
    sectionKey("audit.anchor.file", Kind.TEXT, (d, v) -> d.audit.anchorFile(
        parse("audit.anchor.file", (String) v, Path::of)));
    sectionKey("audit.anchor.interval", Kind.DURATION, (d, v) -> d.audit.anchorInterval((Duration) v));
  }

  /**
   * {@code id=secret,id=secret}: each pair checked like the current key; messages name the key
   * and the id, never the material.
   */
  static List<AuditChainKey> retiredKeys(String text) {
    List<AuditChainKey> keys = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return keys;
    }
    int n = 0;
    for (String pair : text.split(",")) {
      n++;
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("audit.chain_key.retired", "entry " + n
            + " is not of the form id=secret (entries are separated by commas)");
      }
      String id = pair.substring(0, eq).trim();
      try {
        keys.add(AuditChainKey.of(id, Secret.of(pair.substring(eq + 1))));
      } catch (ConfigException e) {
        throw new ConfigException("audit.chain_key.retired", "entry " + n + ": " + e.reason());
      }
    }
    return keys;
  }

  private static <T> T parse(String key, String text, Function<String, T> parser) {
    try {
      return parser.apply(text);
    } catch (RuntimeException e) {
      throw new ConfigException(key, e.getMessage() + ", was '" + text + "'");
    }
  }
}
