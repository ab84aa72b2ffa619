package dev.citadel.client.resilience;

import dev.citadel.client.db.RowMapper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.UnavailableException;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.config.ResilienceConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.Endpoint;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.PostgresServer;
import dev.citadel.client.testkit.TcpProxy;
import dev.citadel.client.testkit.TestDatabase;
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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL stops in the middle of a load and comes back. Callers must only ever see typed
 * {@link UnavailableException}s while it is down, the breaker must open, no call may hang, and
 * work must succeed again once the server is back. With an embedded server the real server
 * process is stopped; otherwise (an external or container server we may not stop) a TCP proxy
 * between client and server cuts every connection instead.
 */
@ExtendWith(CitadelTestKitExtension.class)
class PostgresOutageIT {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresOutageIT.class);

  @Test
  void outageGivesTypedErrorsOpensTheBreakerAndRecovers(PostgresServer server, TestDatabase testDb)
      throws Exception {
    boolean realStop = server.controllable();
    LOG.info("outage by {}", realStop ? "stopping the " + server.source() + " server" : "cutting a TCP proxy");
    try (TcpProxy proxy = TcpProxy.start(testDb.host(), testDb.port())) {
      CitadelConfig config = TestConfigs.citadel(realStop ? testDb : proxy.database(testDb), b -> b
              .connectTimeout(Duration.ofSeconds(1))
              .statementTimeout(Duration.ofSeconds(5))
              .pool(PoolConfig.builder().minConnections(2).maxConnections(8)
                  .waitTimeout(Duration.ofSeconds(1)).build()))
          .toBuilder()
          .resilience(ResilienceConfig.builder().maxAttempts(2).initialDelay(Duration.ofMillis(20))
              .maxDelay(Duration.ofMillis(100)).failureThreshold(3)
              .breakerDelay(Duration.ofMillis(500)).successThreshold(1).build())
          .build();
      try (Database db = Database.create(config)) {
        db.update("CREATE TABLE events (id bigserial PRIMARY KEY, worker int NOT NULL)");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong successes = new AtomicLong();
        AtomicLong typedFailures = new AtomicLong();
        AtomicLong fastFails = new AtomicLong();
        AtomicLong slowestNanos = new AtomicLong();
        Queue<Throwable> untyped = new ConcurrentLinkedQueue<>();
        ExecutorService workers = Executors.newFixedThreadPool(6);
        List<Future<?>> loops = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
          int worker = w;
          loops.add(workers.submit(() -> {
            for (long n = 0; running.get(); n++) {
              long t0 = System.nanoTime();
              try {
                if (n % 2 == 0) {
                  db.queryOne("SELECT count(*) FROM events", RowMapper.column(Long.class));
                } else {
                  db.update("INSERT INTO events (worker) VALUES (?)", worker);
                }
                successes.incrementAndGet();
              } catch (UnavailableException e) {
                typedFailures.incrementAndGet();
                if (e.breakerOpen()) {
                  fastFails.incrementAndGet();
                }
              } catch (Throwable e) {
                untyped.add(e);
              } finally {
                slowestNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
              }
            }
          }));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> successes.get() >= 200);
        if (realStop) {
          server.stop();
        } else {
          proxy.cut();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> db.breakerState(Endpoint.POOLED) == BreakerState.OPEN);
        await().atMost(Duration.ofSeconds(60)).until(() -> fastFails.get() > 0);
        long successesWhileDown = successes.get();

        if (realStop) {
          server.start();
        } else {
          proxy.restore();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> successes.get() > successesWhileDown + 100);
        await().atMost(Duration.ofSeconds(30)).until(() -> db.breakerState(Endpoint.POOLED) == BreakerState.CLOSED);

        running.set(false);
        for (Future<?> loop : loops) {
          loop.get(60, TimeUnit.SECONDS);
        }
        workers.shutdown();

        assertThat(untyped).as("only typed errors while the server was down").isEmpty();
        assertThat(typedFailures.get()).isPositive();
        assertThat(Duration.ofNanos(slowestNanos.get())).as("no call hung").isLessThan(Duration.ofSeconds(20));
        assertThat(db.queryOne("SELECT count(*) FROM events", RowMapper.column(Long.class))).isPositive();
        assertThat(db.health().check("postgres.pooled").orElseThrow().isUp()).isTrue();
      }
    } finally {
      if (realStop && !isUp(server)) {
        server.start();
      }
    }
  }

  private static boolean isUp(PostgresServer server) {
    try (var c = java.sql.DriverManager.getConnection(server.jdbcUrl(server.adminDatabase()),
        server.username(), server.password())) {
      return c.isValid(2);
    } catch (java.sql.SQLException e) {
      return false;
    }
  }
}
