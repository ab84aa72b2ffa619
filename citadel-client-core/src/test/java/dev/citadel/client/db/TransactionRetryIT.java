package dev.citadel.client.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.QueryException;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Serialization failures (40001) and deadlocks (40P01) are retried as whole transactions. */
@ExtendWith(CitadelTestKitExtension.class)
class TransactionRetryIT {
  private static Database db;
  private static TestDatabase testDb;

  @BeforeAll
  static void start(TestDatabase database) {
    testDb = database;
    db = Database.create(TestConfigs.citadel(database, b -> b.transactionMaxAttempts(10)));
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  /**
   * Two serializable transactions each read the total and insert it: run at the same time they
   * cannot both commit. The barrier makes both read before either writes, on the first attempt
   * only; the loser is rolled back and run again until it sees the winner's row.
   */
  @Test
  void serializationFailureRunsTheTransactionAgain() throws Exception {
    db.update("CREATE TABLE ledger (id serial PRIMARY KEY, seen bigint NOT NULL)");
    CyclicBarrier bothRead = new CyclicBarrier(2);
    AtomicInteger runs = new AtomicInteger();
    Runnable tx = () -> db.inTransaction(TransactionOptions.isolation(Isolation.SERIALIZABLE), t -> {
      boolean first = runs.incrementAndGet() <= 2;
      long seen = t.queryOne("SELECT count(*) FROM ledger", RowMapper.column(Long.class));
      if (first) {
        await(bothRead);
      }
      return t.update("INSERT INTO ledger (seen) VALUES (?)", seen);
    });
    CompletableFuture<Void> a = CompletableFuture.runAsync(tx);
    CompletableFuture<Void> b = CompletableFuture.runAsync(tx);
    CompletableFuture.allOf(a, b).get(30, TimeUnit.SECONDS);

    assertThat(runs.get()).as("the loser ran again").isGreaterThanOrEqualTo(3);
    assertThat(db.query("SELECT seen FROM ledger ORDER BY id", RowMapper.column(Long.class))).containsExactly(0L, 1L);
  }

  /** Two transactions lock two rows in opposite orders; PostgreSQL kills one, which is rerun. */
  @Test
  void deadlockRunsTheVictimAgain() throws Exception {
    db.update("CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL)");
    db.update("INSERT INTO accounts VALUES (1, 100), (2, 100)");
    CyclicBarrier bothLocked = new CyclicBarrier(2);
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<Void> a = CompletableFuture.runAsync(() -> transfer(1, 2, bothLocked, runs));
    CompletableFuture<Void> b = CompletableFuture.runAsync(() -> transfer(2, 1, bothLocked, runs));
    CompletableFuture.allOf(a, b).get(30, TimeUnit.SECONDS);

    assertThat(runs.get()).as("the victim ran again").isGreaterThanOrEqualTo(3);
    assertThat(db.query("SELECT balance FROM accounts ORDER BY id", RowMapper.column(Integer.class))).containsExactly(100, 100);
  }

  private static void transfer(int from, int to, CyclicBarrier bothLocked, AtomicInteger runs) {
    db.inTransaction(t -> {
      boolean first = runs.incrementAndGet() <= 2;
      t.update("UPDATE accounts SET balance = balance - 10 WHERE id = ?", from);
      if (first) {
        await(bothLocked);
      }
      return t.update("UPDATE accounts SET balance = balance + 10 WHERE id = ?", to);
    });
  }

  /**
   * A routed statement runs in its own transaction (for {@code SET LOCAL search_path}), so a
   * conflict runs that transaction again like any other, up to the attempts configured. The
   * sequence counts the runs: {@code nextval} survives the rollbacks.
   */
  @Test
  void routedStatementsAreRetriedAsWholeTransactionsOnConflict() {
    db.migrate();
    db.update("CREATE SEQUENCE routed_runs");
    assertThatThrownBy(() -> db.forModel("mixtral").update("DO $$ BEGIN PERFORM nextval('public.routed_runs');"
        + " RAISE EXCEPTION SQLSTATE '40001' USING MESSAGE = 'forced'; END $$"))
        .isInstanceOf(QueryException.class)
        .satisfies(e -> assertThat(((QueryException) e).isTransactionConflict()).isTrue());
    assertThat(db.queryOne("SELECT last_value FROM routed_runs", RowMapper.column(Long.class))).isEqualTo(10L);
  }

  @Test
  void conflictsThatOutlastTheAttemptsReachTheCallerTyped() {
    try (Database once = Database.create(TestConfigs.citadel(testDb, b -> b.transactionMaxAttempts(1)))) {
      AtomicInteger runs = new AtomicInteger();
      assertThatThrownBy(() -> once.inTransaction(t -> {
        runs.incrementAndGet();
        return t.update("DO $$ BEGIN RAISE EXCEPTION SQLSTATE '40001' USING MESSAGE = 'forced'; END $$");
      }))
          .isInstanceOf(QueryException.class)
          .satisfies(e -> assertThat(((QueryException) e).isTransactionConflict()).isTrue());
      assertThat(runs).hasValue(1);
    }
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
