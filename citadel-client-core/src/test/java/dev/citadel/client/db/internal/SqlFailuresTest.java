package dev.citadel.client.db.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.UnavailableException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlFailuresTest {

  /**
   * HikariCP's wait for a connection that ran out while connecting was merely slow carries no
   * SQLSTATE: it is still a pool timeout, transient and never sent (seen under load behind a
   * restarting PgBouncer, where it used to reach callers as an untyped QueryException).
   */
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
