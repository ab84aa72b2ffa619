package dev.citadel.client.db;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.QueryException;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A routed query on a database where {@code migrate()} never ran says what is missing. */
@ExtendWith(CitadelTestKitExtension.class)
class MissingModelSchemaIT {

  @Test
  void aRoutedQueryBeforeMigrateSaysTheModelSchemaIsMissing(TestDatabase testDb) {
    try (Database db = Database.create(TestConfigs.citadel(testDb))) {
      SqlClient mixtral = db.forModel("mixtral");

      assertThatThrownBy(() -> mixtral.queryOne("SELECT count(*) FROM usage_statistics", RowMapper.column(Long.class)))
          .isInstanceOf(QueryException.class)
          .hasMessageContaining("relation \"usage_statistics\" does not exist")
          .hasMessageContaining("[SQLSTATE 42P01]: the model schema \"mixtral\" does not exist in this database;"
              + " run db.migrate() first");
      assertThatThrownBy(() -> mixtral.inTransaction(sql -> sql.update("CREATE TABLE notes (id int)")))
          .isInstanceOf(QueryException.class)
          .hasMessageContaining("[SQLSTATE 3F000]: the model schema \"mixtral\" does not exist");

      db.migrate();
      assertThatThrownBy(() -> mixtral.queryOne("SELECT count(*) FROM no_such_table", RowMapper.column(Long.class)))
          .as("a table missing from an existing schema keeps the server's own text")
          .isInstanceOf(QueryException.class)
          .hasMessageNotContaining("db.migrate()");
    }
  }
}
