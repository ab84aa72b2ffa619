package dev.citadel.client.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.ConstraintViolationException;
import dev.citadel.client.QueryException;
import dev.citadel.client.ResultSizeException;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CitadelTestKitExtension.class)
class DatabaseIT {
  private static Database db;

  @BeforeAll
  static void start(TestDatabase testDb) {
    db = Database.create(TestConfigs.citadel(testDb));
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  @BeforeEach
  void table() {
    db.update("DROP TABLE IF EXISTS items");
    db.update("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, at timestamptz, ref uuid)");
  }

  @Test
  void queriesMapRowsAndBindParameters() {
    Instant at = Instant.parse("2026-01-02T03:04:05Z");
    UUID ref = UUID.randomUUID();
    assertThat(db.update("INSERT INTO items VALUES (?, ?, ?, ?)", 1, "one", at, ref)).isEqualTo(1);
    db.update("INSERT INTO items VALUES (?, ?, ?, ?)", 2, "two", null, null);

    assertThat(db.query("SELECT name FROM items ORDER BY id", RowMapper.column(String.class)))
        .containsExactly("one", "two");
    assertThat(db.queryOne("SELECT at FROM items WHERE id = ?", r -> r.getObject(1, OffsetDateTime.class), 1)
        .toInstant()).isEqualTo(at);
    assertThat(db.queryOne("SELECT ref FROM items WHERE id = ?", RowMapper.column(UUID.class), 1))
        .isEqualTo(ref);
    assertThat(db.queryOptional("SELECT name FROM items WHERE id = ?", RowMapper.column(String.class), 3)).isEmpty();
    assertThat(db.queryOptional("SELECT name FROM items WHERE id = ?", RowMapper.column(String.class), 2)).contains("two");
  }

  /** Calls are reused; a call made from inside another (here a row mapper) must not disturb it. */
  @Test
  void aRowMapperMayCallTheClientAgain() {
    db.batch("INSERT INTO items (id, name) VALUES (?, ?)", List.of(new Object[] {1, "a"}, new Object[] {2, "b"}));
    List<String> pairs = db.query("SELECT id, name FROM items ORDER BY id", row -> row.getString(2) + "="
        + db.queryOne("SELECT count(*) FROM items WHERE id <= ?", RowMapper.column(Long.class), row.getInt(1)));
    assertThat(pairs).containsExactly("a=1", "b=2");
    assertThat(db.queryOne("SELECT name FROM items WHERE id = ?", RowMapper.column(String.class), 2)).isEqualTo("b");
  }

  @Test
  void queryOneInsistsOnExactlyOneRow() {
    db.batch("INSERT INTO items (id, name) VALUES (?, ?)", List.of(new Object[] {1, "a"}, new Object[] {2, "b"}));
    assertThatThrownBy(() -> db.queryOne("SELECT id FROM items WHERE id > 5", RowMapper.column(Integer.class)))
        .isInstanceOf(ResultSizeException.class).hasMessage("expected exactly 1 row(s), got 0");
    assertThatThrownBy(() -> db.queryOne("SELECT id FROM items", RowMapper.column(Integer.class)))
        .isInstanceOf(ResultSizeException.class).hasMessage("expected exactly 1 row(s), got more than 1");
    assertThatThrownBy(() -> db.queryOptional("SELECT id FROM items", RowMapper.column(Integer.class)))
        .isInstanceOf(ResultSizeException.class);
  }

  @Test
  void batchInsertsEveryRow() {
    List<Object[]> rows = IntStream.range(0, 1000).mapToObj(i -> new Object[] {i, "n" + i}).toList();
    int[] counts = db.batch("INSERT INTO items (id, name) VALUES (?, ?)", rows);
    assertThat(counts).hasSize(1000);
    assertThat(db.queryOne("SELECT count(*) FROM items", RowMapper.column(Long.class))).isEqualTo(1000L);
  }

  @Test
  void streamReadsLazilyAndReturnsTheConnection() {
    List<Object[]> rows = IntStream.range(0, 2500).mapToObj(i -> new Object[] {i, "n" + i}).toList();
    db.batch("INSERT INTO items (id, name) VALUES (?, ?)", rows);
    try (Stream<Integer> ids = db.stream("SELECT id FROM items ORDER BY id", RowMapper.column(Integer.class))) {
      assertThat(ids.limit(1200).collect(Collectors.toList())).hasSize(1200).startsWith(0, 1, 2);
    }
    try (Stream<Integer> ids = db.stream("SELECT id FROM items", RowMapper.column(Integer.class))) {
      assertThat(ids.mapToLong(Integer::longValue).sum()).isEqualTo(2499L * 2500 / 2);
    }
    assertThat(db.poolStats(Endpoint.POOLED).active()).isZero();
  }

  @Test
  void constraintViolationsAreTypedWithTheConstraintName() {
    db.update("INSERT INTO items (id, name) VALUES (1, 'a')");
    assertThatThrownBy(() -> db.update("INSERT INTO items (id, name) VALUES (1, 'b')"))
        .isInstanceOf(ConstraintViolationException.class)
        .satisfies(e -> {
          ConstraintViolationException c = (ConstraintViolationException) e;
          assertThat(c.sqlState()).isEqualTo("23505");
          assertThat(c.constraint()).isEqualTo("items_pkey");
        });
    assertThatThrownBy(() -> db.update("INSERT INTO items (id, name) VALUES (2, NULL)"))
        .isInstanceOf(ConstraintViolationException.class)
        .extracting(e -> ((QueryException) e).sqlState()).isEqualTo("23502");
  }

  @Test
  void syntaxAndMissingObjectErrorsCarryTheirSqlState() {
    assertThatThrownBy(() -> db.query("SELEC 1", r -> 1))
        .isInstanceOf(QueryException.class)
        .extracting(e -> ((QueryException) e).sqlState()).isEqualTo("42601");
    assertThatThrownBy(() -> db.query("SELECT * FROM no_such_table", r -> 1))
        .isInstanceOf(QueryException.class)
        .extracting(e -> ((QueryException) e).sqlState()).isEqualTo("42P01");
  }

  @Test
  void transactionsCommitOrRollBackAsAWhole() {
    db.inTransaction(tx -> {
      tx.update("INSERT INTO items (id, name) VALUES (1, 'a')");
      tx.update("INSERT INTO items (id, name) VALUES (2, 'b')");
      return null;
    });
    assertThatThrownBy(() -> db.inTransaction(tx -> {
      tx.update("INSERT INTO items (id, name) VALUES (3, 'c')");
      tx.update("INSERT INTO items (id, name) VALUES (1, 'dup')");
      return null;
    })).isInstanceOf(ConstraintViolationException.class);
    assertThat(db.query("SELECT id FROM items ORDER BY id", RowMapper.column(Integer.class))).containsExactly(1, 2);
  }

  @Test
  void aCheckedExceptionFromTheCallbackRollsBackAndReachesTheCaller() {
    class BusinessException extends Exception {
      private static final long serialVersionUID = 1L;
    }
    assertThatThrownBy(() -> db.<Void, BusinessException>inTransaction(tx -> {
      tx.update("INSERT INTO items (id, name) VALUES (1, 'a')");
      throw new BusinessException();
    })).isInstanceOf(BusinessException.class);
    assertThat(db.queryOne("SELECT count(*) FROM items", RowMapper.column(Long.class))).isZero();
  }

  @Test
  void readOnlyAndIsolationApplyOnlyInsideTheTransaction() {
    assertThatThrownBy(() -> db.inTransaction(TransactionOptions.readOnlyTransaction(), tx ->
        tx.update("INSERT INTO items (id, name) VALUES (1, 'a')")))
        .isInstanceOf(QueryException.class)
        .extracting(e -> ((QueryException) e).sqlState()).isEqualTo("25006");
    String level = db.inTransaction(TransactionOptions.isolation(Isolation.SERIALIZABLE).asReadOnly(),
        tx -> tx.queryOne("SHOW transaction_isolation", RowMapper.column(String.class)));
    assertThat(level).isEqualTo("serializable");
    // Nothing is left on the pooled connections afterwards.
    for (int i = 0; i < 12; i++) {
      assertThat(db.queryOne("SHOW transaction_isolation", RowMapper.column(String.class))).isEqualTo("read committed");
      assertThat(db.queryOne("SHOW transaction_read_only", RowMapper.column(String.class))).isEqualTo("off");
    }
  }

  @Test
  void directEndpointAndRawConnectionsWork() throws Exception {
    assertThat(db.direct().queryOne("SELECT 1", RowMapper.column(Integer.class))).isEqualTo(1);
    assertThat(db.direct().endpoint()).isEqualTo(Endpoint.DIRECT);
    try (var c = db.connection(Endpoint.DIRECT); var s = c.createStatement(); var rs = s.executeQuery("SELECT 2")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(2);
    }
    try (var c = db.dataSource(Endpoint.POOLED).getConnection()) {
      assertThat(c.isValid(1)).isTrue();
    }
  }

  @Test
  void timestampsRoundTripThroughInstant() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    db.update("INSERT INTO items (id, name, at) VALUES (1, 'a', ?)", now);
    List<Instant> read = new ArrayList<>(db.query("SELECT at FROM items",
        r -> r.getObject(1, OffsetDateTime.class).toInstant()));
    assertThat(read).containsExactly(now);
  }
}
