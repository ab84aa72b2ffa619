package dev.citadel.client.db.internal;

import dev.citadel.client.db.SqlClient;
import dev.citadel.client.db.WalPosition;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Where a client's {@code reads()} go: the read endpoint, per schema, and for read-your-writes
 * the pooled endpoint (the primary) as the fallback of a replica that stays behind. One per
 * {@code Database}; thread-safe.
 */
public final class ReadRouting {
  /** The key of the unrouted path in the maps below (schemas are identifiers, never empty). */
  private static final String NO_SCHEMA = "";

  private final PgEndpoint read;
  private final PgEndpoint primary;
  private final int maxAttempts;
  private final Duration replicaWaitTimeout;
  private final ConcurrentMap<String, EndpointSqlClient> readClients = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, StatementPath> primaryReads = new ConcurrentHashMap<>();

  /**
   * @param read the read endpoint
   * @param primary the pooled endpoint, where read-your-writes calls go when their replica is behind
   */
  public ReadRouting(PgEndpoint read, PgEndpoint primary, int maxAttempts, Duration replicaWaitTimeout) {
    this.read = read;
    this.primary = primary;
    this.maxAttempts = maxAttempts;
    this.replicaWaitTimeout = replicaWaitTimeout;
  }

  /** Statements on the read endpoint, routed to {@code schema} (null: none). */
  public SqlClient reads(String schema) {
    return readClients.computeIfAbsent(schema == null ? NO_SCHEMA : schema,
        s -> new EndpointSqlClient(new StatementPath(read, schema, maxAttempts, true, null), this));
  }

  /** Like {@link #reads(String)}, seeing every write committed before {@code seen}. */
  public SqlClient reads(String schema, WalPosition seen) {
    Objects.requireNonNull(seen, "seen");
    StatementPath fallback = primaryReads.computeIfAbsent(schema == null ? NO_SCHEMA : schema,
        s -> new StatementPath(primary, schema, maxAttempts, true, null));
    return new EndpointSqlClient(new StatementPath(read, schema, maxAttempts, true,
        new ReplicaWait(seen, replicaWaitTimeout, fallback)), this);
  }
}
