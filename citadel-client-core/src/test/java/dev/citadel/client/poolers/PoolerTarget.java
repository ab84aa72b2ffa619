package dev.citadel.client.poolers;

import dev.citadel.client.testkit.ConfigValues;
import dev.citadel.client.testkit.PgBouncer;
import dev.citadel.client.testkit.Pgpool;
import dev.citadel.client.testkit.Pooler;
import dev.citadel.client.testkit.PostgresServer;
import dev.citadel.client.testkit.TestConfig;
import dev.citadel.client.testkit.TestDatabase;
import java.util.Map;

/**
 * Where a test's pooled endpoint points: PostgreSQL itself, or a real pooler from the test kit in
 * front of it, sized like the seeds' deployments (PgBouncer: 500 clients on a pool of 20).
 * Migrations and the direct endpoint always go to PostgreSQL.
 */
public enum PoolerTarget {
  /** No pooler: the pooled endpoint is PostgreSQL itself. */
  DIRECT {
    @Override
    public Pooler start(PostgresServer upstream, Map<String, String> users) {
      return null;
    }
  },
  /** PgBouncer, transaction pooling, 500 clients on 20 server connections. */
  PGBOUNCER_TRANSACTION {
    @Override
    public Pooler start(PostgresServer upstream, Map<String, String> users) {
      PgBouncer.Builder b = PgBouncer.builder(upstream).poolMode(PgBouncer.PoolMode.TRANSACTION)
          .defaultPoolSize(20).maxClientConnections(500);
      users.forEach(b::addUser);
      return b.start();
    }
  },
  /** Each client connection keeps its server connection: the pool must hold them all. */
  PGBOUNCER_SESSION {
    @Override
    public Pooler start(PostgresServer upstream, Map<String, String> users) {
      PgBouncer.Builder b = PgBouncer.builder(upstream).poolMode(PgBouncer.PoolMode.SESSION)
          .defaultPoolSize(60).maxClientConnections(500);
      users.forEach(b::addUser);
      return b.start();
    }
  },
  /** One child process per client connection: more children than the clients' pool. */
  PGPOOL {
    @Override
    public Pooler start(PostgresServer upstream, Map<String, String> users) {
      Pgpool.Builder b = Pgpool.builder(upstream).numInitChildren(48);
      users.forEach(b::addUser);
      return b.start();
    }
  };

  /**
   * Starts the pooler in front of {@code upstream}, letting its user and {@code users} log in.
   *
   * @return the running pooler, or null for {@link #DIRECT}
   */
  public abstract Pooler start(PostgresServer upstream, Map<String, String> users);

  /** Skips the calling test, or fails it under CI=true, when the pooler is not installed. */
  public void assumeInstalled() {
    switch (this) {
      case PGBOUNCER_TRANSACTION, PGBOUNCER_SESSION -> PgBouncer.assumeInstalled();
      case PGPOOL -> Pgpool.assumeInstalled();
      default -> { }
    }
  }

  /**
   * Returns {@code database} with the pooled endpoint at {@code pooler} (or at PostgreSQL itself
   * when it is null) and the direct endpoint at PostgreSQL, PgBouncer's transaction mode flagged.
   */
  public ConfigValues route(TestDatabase database, Pooler pooler) {
    return TestConfig.of(pooler == null ? database : pooler.database(database))
        .with("database.transaction_pooler", this == PGBOUNCER_TRANSACTION);
  }
}
