package dev.citadel.client.db.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementsTest {

  @Test
  void readsAreRecognisedByTheirFirstKeyword() {
    assertThat(Statements.isRead("SELECT 1")).isTrue();
    assertThat(Statements.isRead("  select * from t")).isTrue();
    assertThat(Statements.isRead("-- note\n/* block */ (SELECT 1) UNION (SELECT 2)")).isTrue();
    assertThat(Statements.isRead("SHOW search_path")).isTrue();
    assertThat(Statements.isRead("VALUES (1)")).isTrue();
    assertThat(Statements.isRead("explain select 1")).isTrue();
    assertThat(Statements.isRead("TABLE items")).isTrue();
    assertThat(Statements.isRead("Select\t1")).isTrue();
  }

  @Test
  void everythingElseIsTreatedAsAWrite() {
    assertThat(Statements.isRead("INSERT INTO t VALUES (1) RETURNING id")).isFalse();
    assertThat(Statements.isRead("update t set a = 1 returning *")).isFalse();
    assertThat(Statements.isRead("WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x")).isFalse();
    assertThat(Statements.isRead("/* unterminated")).isFalse();
    assertThat(Statements.isRead("")).isFalse();
    assertThat(Statements.isRead("selected_rows()")).as("a longer word is not the keyword").isFalse();
    assertThat(Statements.isRead("sel")).isFalse();
  }
}
