package dev.citadel.client.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.config.AuditConfig;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.config.ResilienceConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.ConfigValues;
import dev.citadel.client.testkit.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

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

  /**
   * A client for {@code database} (a test database, or one reached through a proxy) that gives up
   * quickly while PostgreSQL is away.
   */
  static CitadelConfig fastFailing(ConfigValues database) {
    return TestConfigs.citadel(database, b -> b
            .connectTimeout(Duration.ofSeconds(1))
            .pool(PoolConfig.builder().minConnections(0).maxConnections(4)
                .waitTimeout(Duration.ofSeconds(1)).build()))
        .toBuilder()
        .resilience(ResilienceConfig.builder().maxAttempts(2).initialDelay(Duration.ofMillis(20))
            .maxDelay(Duration.ofMillis(100)).failureThreshold(3).breakerDelay(Duration.ofMillis(500))
            .successThreshold(1).build())
        .build();
  }

  /** Audit settings for {@code chainId} spilling under {@code spill} (a test's temporary directory). */
  static AuditConfig.Builder config(String chainId, Path spill) {
    return AuditConfig.builder().chainId(chainId).spillDirectory(spill);
  }

  /** Asserts that {@code call} is refused as a bad {@code argument}, the reason containing {@code reason}. */
  static void refusedArgument(ThrowingCallable call, String argument, String reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
      assertThat(e.argument()).isEqualTo(argument);
      assertThat(e.reason()).contains(reason);
    });
  }

  static long rows(Database db, String chainId) {
    return db.queryOne("SELECT count(*) FROM audit.logs WHERE chain_id = ?", RowMapper.column(Long.class), chainId);
  }
}
