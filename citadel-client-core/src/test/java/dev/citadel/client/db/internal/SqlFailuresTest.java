package dev.citadel.client.db.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.UnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlFailuresTest {

  /**
   * HikariCP's pool-wait timeout copies the SQLSTATE of the last failed connection attempt; after a
   * PgBouncer restart that was seen to be one outside class 08, and the caller got a QueryException.
   */
  @Test
  void aPoolWaitTimeoutIsTransientWhateverSqlStateItCarries() {
    SQLException lastAttempt = new SQLException("server conn crashed?", "XX000");
    SQLTransientConnectionException timeout = new SQLTransientConnectionException(
        "test-postgres-pooled - Connection is not available, request timed out after 1015ms", "XX000", lastAttempt);

    assertThat(SqlFailures.INSTANCE.isTransient(timeout)).isTrue();
    assertThat(SqlFailures.INSTANCE.translate("postgres-pooled", timeout, 1))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("is unavailable")
        .hasMessageContaining("last connection failure: server conn crashed?");
  }
}
