package dev.citadel.client.audit;

import java.time.YearMonth;
import java.util.List;

/**
 * What one run of {@link AuditPartitions#maintain} did.
 *
 * @param ensured months whose partition was checked and created if missing, ascending
 * @param removed months whose partition was detached or dropped by retention, ascending
 */
public record AuditMaintenance(List<YearMonth> ensured, List<YearMonth> removed) {

  /** Defensive copies. */
  public AuditMaintenance {
    ensured = List.copyOf(ensured);
    removed = List.copyOf(removed);
  }
}
