package dev.citadel.client.db.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.UnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** HikariCP's pool-wait timeout, seen as an untyped QueryException under load before. */
class SqlFailuresTest {

  /**
   * The timeout copies the SQLSTATE of the last failed connection attempt; after a PgBouncer
   * restart that was seen to be one outside class 08.
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

  /** While connecting is only slow (or hangs), the timeout carries no SQLSTATE at all. */
  @Test
  void aPoolTimeoutWithoutSqlStateIsTransientAndUnsent() {
    AcquisitionFailure timeout = new AcquisitionFailure(new SQLTransientConnectionException(
        "test-postgres-pooled - Connection is not available, request timed out after 1011ms", (String) null));
    assertThat(SqlFailures.INSTANCE.isTransient(timeout)).isTrue();
    assertThat(SqlFailures.INSTANCE.isNotSent(timeout)).isTrue();
    assertThat(SqlFailures.INSTANCE.translate("postgres-pooled", timeout, 2))
        .isInstanceOf(UnavailableException.class);
  }
}
