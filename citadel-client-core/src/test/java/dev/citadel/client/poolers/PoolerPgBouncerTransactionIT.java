package dev.citadel.client.poolers;

import static dev.citadel.client.db.RowMapper.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.db.Database;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The suite through PgBouncer in transaction mode (pool 20, 500 clients), with
 * {@code database.transaction_pooler: true}; and why that flag is needed.
 */
class PoolerPgBouncerTransactionIT extends PoolerAcceptanceSuite {
  @Override
  protected PoolerTarget target() {
    return PoolerTarget.PGBOUNCER_TRANSACTION;
  }

  /**
   * Without the flag PgJDBC names a statement once it has run five times on a connection, and
   * PgBouncer hands that server session to other clients: the names then are missing or taken.
   * Proves that the suite's "no prepared statement errors" check would catch a missing flag.
   */
  @Test
  void withoutTheTransactionPoolerFlagNamedPreparedStatementsBreak() throws Exception {
    try (Database unflagged = newClient(b -> b.transactionPooler(false))) {
      Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService callers = Executors.newFixedThreadPool(20);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        done.add(callers.submit(() -> {
          while (running.get()) {
            try {
              unflagged.queryOne("SELECT count(*) FROM pg_class WHERE relkind = ?", column(Long.class), "r");
            } catch (RuntimeException e) {
              failures.add(e);
            }
          }
        }));
      }
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> !failures.isEmpty());
      } finally {
        running.set(false);
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
        callers.shutdown();
      }
      assertThat(failures).extracting(Throwable::getMessage).anyMatch(m -> m.contains("prepared statement"));
    }
  }
}
