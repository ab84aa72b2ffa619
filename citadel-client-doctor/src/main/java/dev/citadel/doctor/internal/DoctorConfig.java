package dev.citadel.doctor.internal;

import dev.citadel.client.cache.config.RedisConfig;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.vector.config.QdrantConfig;
import java.time.Duration;

/**
 * The config the doctor's own clients use: the host's config with every wait bounded so that a
 * backend that is down or silent fails its line instead of using up the overall deadline, and
 * nothing that changes the deployment.
 *
 * <ul>
 *   <li>connect timeouts, pool waits and the statement timeout (PostgreSQL), connect and command
 *       timeouts (Redis) and the call deadline (Qdrant) are at most {@link #connectBound(Duration)}:
 *       a quarter of {@code --timeout}, between 1 s and 5 s (a configured value below that is
 *       kept); PostgreSQL's read bound ({@code database.socket_timeout}) is that statement timeout
 *       plus a second, so a hung server fails its lines instead of holding a read for the host's
 *       longer bound;</li>
 *   <li>one attempt per call ({@code resilience.retry.max_attempts = 1}): the report shows each
 *       server as it answers now, and retries would only spend the deadline;</li>
 *   <li>pools keep no idle connections ({@code min_connections = 0}), so the doctor opens one
 *       connection per endpoint rather than filling a pool;</li>
 *   <li>{@code database.migrations.run_on_start} is off: the doctor reports migrations, it never
 *       runs them.</li>
 * </ul>
 */
public final class DoctorConfig {
  private static final Duration MIN_BOUND = Duration.ofSeconds(1);
  private static final Duration MAX_BOUND = Duration.ofSeconds(5);

  private DoctorConfig() {}

  /** {@code config} with the doctor's bounds for an overall {@code timeout}. */
  public static CitadelConfig bounded(CitadelConfig config, Duration timeout) {
    Duration bound = connectBound(timeout);
    CitadelConfig.Builder b = config.toBuilder()
        .resilience(config.resilience().toBuilder().maxAttempts(1).build());
    config.databaseSection().ifPresent(db -> b.database(database(db, bound)));
    config.section(RedisConfig.class).ifPresent(redis -> b.section(redis(redis, bound)));
    config.section(QdrantConfig.class).ifPresent(qdrant -> b.section(qdrant(qdrant, bound)));
    return b.build();
  }

  /** A quarter of {@code timeout}, at least 1 s and at most 5 s. */
  static Duration connectBound(Duration timeout) {
    Duration quarter = timeout.dividedBy(4);
    return quarter.compareTo(MIN_BOUND) < 0 ? MIN_BOUND : quarter.compareTo(MAX_BOUND) > 0 ? MAX_BOUND : quarter;
  }

  private static DatabaseConfig database(DatabaseConfig db, Duration bound) {
    Duration statement = db.statementTimeout().isZero() ? bound : min(db.statementTimeout(), bound);
    return db.toBuilder()
        .connectTimeout(min(db.connectTimeout(), bound))
        .statementTimeout(statement)
        .socketTimeout(statement.plusSeconds(1))
        .pool(pool(db.pool(), bound))
        .directPool(pool(db.directPool(), bound))
        .migrations(db.migrations().toBuilder().runOnStart(false).build())
        .build();
  }

  private static PoolConfig pool(PoolConfig pool, Duration bound) {
    return pool.toBuilder().minConnections(0).waitTimeout(min(pool.waitTimeout(), bound)).build();
  }

  private static RedisConfig redis(RedisConfig redis, Duration bound) {
    return redis.toBuilder()
        .connectTimeout(min(redis.connectTimeout(), bound))
        .commandTimeout(min(redis.commandTimeout(), bound))
        .build();
  }

  private static QdrantConfig qdrant(QdrantConfig qdrant, Duration bound) {
    return qdrant.toBuilder().callTimeout(min(qdrant.callTimeout(), bound)).build();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
