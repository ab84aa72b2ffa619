package dev.citadel.client.audit;

import dev.citadel.client.config.AuditConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.TestDatabase;
import java.nio.file.Path;

/** Shared set-up of the audit tests: a migrated database and configs with a private spill directory. */
final class AuditTestSupport {
  private AuditTestSupport() {}

  /** A client for {@code testDb} with the citadel migrations (V4 included) applied. */
  static Database migratedDatabase(TestDatabase testDb) {
    Database db = Database.create(TestConfigs.citadel(testDb));
    try {
      db.migrate();
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** Audit settings for {@code chainId} spilling under {@code spill} (a test's temporary directory). */
  static AuditConfig.Builder config(String chainId, Path spill) {
    return AuditConfig.builder().chainId(chainId).spillDirectory(spill);
  }

  static long rows(Database db, String chainId) {
    return db.queryOne("SELECT count(*) FROM audit.logs WHERE chain_id = ?", RowMapper.column(Long.class), chainId);
  }
}
