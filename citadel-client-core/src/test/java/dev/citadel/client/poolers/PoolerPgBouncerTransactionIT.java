package dev.citadel.client.poolers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
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
 * {@code database.transaction_pooler: true}; and what breaks for a client that is not pooler-safe.
 */
class PoolerPgBouncerTransactionIT extends PoolerAcceptanceSuite {
  @Override
  protected PoolerTarget target() {
    return PoolerTarget.PGBOUNCER_TRANSACTION;
  }

  /**
   * What the SDK's pooler-safe mode avoids: PgJDBC names a statement once it has run
   * {@code prepareThreshold} times on a connection, and PgBouncer hands that server session to
   * other clients, where the name is then missing or taken. Proves that the suite's "no prepared
   * statement errors" check would catch a client that used named statements. (The SDK's own client
   * with {@code database.transaction_pooler} left false: {@link UndeclaredTransactionPoolerIT}.)
   */
  @Test
  void namedPreparedStatementsBreakBehindTransactionPooling() throws Exception {
    Properties props = new Properties();
    props.setProperty("user", testDatabase().username());
    props.setProperty("password", testDatabase().password());
    props.setProperty("prepareThreshold", "1");
    String url = pooler().jdbcUrl(testDatabase().name());
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService callers = Executors.newFixedThreadPool(20);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      done.add(callers.submit(() -> {
        try (Connection c = DriverManager.getConnection(url, props);
            PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_class WHERE relkind = ?")) {
          ps.setString(1, "r");
          while (running.get()) {
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
            } catch (SQLException e) {
              failures.add(e);
            }
          }
        }
        return null;
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
