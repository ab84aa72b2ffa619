package dev.citadel.client.db;

import static dev.citadel.client.db.RowMapper.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.UnavailableException;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A statement that reached the server is never run again after a transient failure, reads
 * included: {@code SELECT volatile_fn()} may have had its side effects before its connection
 * broke, and nothing tells the client whether it did.
 */
@ExtendWith(CitadelTestKitExtension.class)
class SentStatementRetryIT {

  @Test
  void aReadCallingAFunctionWithSideEffectsIsNotRunAgainAfterItsConnectionIsKilled(TestDatabase testDb)
      throws Exception {
    try (Database db = Database.create(TestConfigs.citadel(testDb))) {
      // Counts its calls outside any transaction (a sequence), and the first call waits to be killed.
      db.update("CREATE SEQUENCE volatile_calls");
      db.update("CREATE FUNCTION volatile_fn() RETURNS bigint LANGUAGE plpgsql AS $$"
          + " DECLARE n bigint := nextval('volatile_calls');"
          + " BEGIN IF n = 1 THEN PERFORM pg_sleep(60); END IF; RETURN n; END $$");

      CompletableFuture<Long> call = CompletableFuture.supplyAsync(
          () -> db.queryOne("SELECT volatile_fn()", column(Long.class)));
      await().atMost(Duration.ofSeconds(30)).until(() -> db.direct().queryOne(
          "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
              + " WHERE query = 'SELECT volatile_fn()' AND state = 'active' AND pid <> pg_backend_pid()",
          column(Long.class)) == 1);

      assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(UnavailableException.class);
      assertThat(db.direct().queryOne("SELECT last_value FROM volatile_calls", column(Long.class)))
          .as("calls of volatile_fn()").isEqualTo(1L);
      assertThat(db.queryOne("SELECT 1", column(Integer.class))).as("the endpoint still works").isEqualTo(1);
    }
  }
}
