package dev.citadel.client.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.QueryException;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * database.statement_timeout is enforced by the server through a per-connection setting, and
 * behind a transaction pooler (where no session setting may be relied on) by a client-side
 * cancel per statement. Either way a runaway statement ends with SQLSTATE 57014.
 */
@ExtendWith(CitadelTestKitExtension.class)
class StatementTimeoutIT {

  @Test
  void serverEnforcesTheTimeoutOnDirectConnections(TestDatabase testDb) {
    try (Database db = Database.create(TestConfigs.citadel(testDb, b -> b.statementTimeout(Duration.ofSeconds(1))))) {
      assertThat(db.queryOne("SHOW statement_timeout", RowMapper.column(String.class))).isEqualTo("1s");
      assertThatThrownBy(() -> db.query("SELECT pg_sleep(5)", r -> 1))
          .isInstanceOf(QueryException.class)
          .extracting(e -> ((QueryException) e).sqlState()).isEqualTo("57014");
    }
  }

  @Test
  void transactionPoolerModeCancelsFromTheClientAndSetsNothingOnTheSession(TestDatabase testDb) {
    try (Database db = Database.create(TestConfigs.citadel(testDb,
        b -> b.statementTimeout(Duration.ofSeconds(1)).transactionPooler(true)))) {
      assertThat(db.queryOne("SHOW statement_timeout", RowMapper.column(String.class))).isEqualTo("0");
      assertThatThrownBy(() -> db.query("SELECT pg_sleep(5)", r -> 1))
          .isInstanceOf(QueryException.class)
          .extracting(e -> ((QueryException) e).sqlState()).isEqualTo("57014");
    }
  }
}
