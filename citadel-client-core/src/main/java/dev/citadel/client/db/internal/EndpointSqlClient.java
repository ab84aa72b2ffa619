package dev.citadel.client.db.internal;

import dev.citadel.client.db.Endpoint;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.SqlClient;
import dev.citadel.client.db.TransactionCallback;
import dev.citadel.client.db.TransactionOptions;
import dev.citadel.client.db.WalPosition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@link SqlClient} on one endpoint, optionally routed to one schema: it checks arguments and
 * hands each call to its {@link StatementPath}, which knows nothing of the public API.
 */
public final class EndpointSqlClient implements SqlClient {
  private final StatementPath path;
  private final ReadRouting reads;

  /**
   * @param schema a validated identifier to route to, or null for the endpoint's default
   * @param maxAttempts total runs of a transaction that hits a conflict
   * @param reads where {@link #reads()} go
   */
  public EndpointSqlClient(PgEndpoint endpoint, String schema, int maxAttempts, ReadRouting reads) {
    this(new StatementPath(endpoint, schema, maxAttempts), reads);
  }

  EndpointSqlClient(StatementPath path, ReadRouting reads) {
    this.path = path;
    this.reads = reads;
  }

  @Override
  public Endpoint endpoint() {
    return path.endpoint().endpoint();
  }

  @Override
  public SqlClient reads() {
    return reads.reads(path.schema());
  }

  @Override
  public SqlClient reads(WalPosition seen) {
    return reads.reads(path.schema(), seen);
  }

  @Override
  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
    return run(Statements.Kind.LIST, sql, mapper, params);
  }

  @Override
  public <T> T queryOne(String sql, RowMapper<T> mapper, Object... params) {
    return run(Statements.Kind.ONE, sql, mapper, params);
  }

  @Override
  public <T> Optional<T> queryOptional(String sql, RowMapper<T> mapper, Object... params) {
    return run(Statements.Kind.OPTIONAL, sql, mapper, params);
  }

  @Override
  public int update(String sql, Object... params) {
    Integer count = run(Statements.Kind.UPDATE, sql, null, params);
    return count;
  }

  @Override
  public int[] batch(String sql, List<Object[]> rows) {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(rows, "rows");
    return path.run(Statements.Kind.BATCH, sql, null, null, rows);
  }

  private <R> R run(Statements.Kind kind, String sql, RowMapper<?> mapper, Object[] params) {
    Objects.requireNonNull(sql, "sql");
    return path.run(kind, sql, mapper, params, null);
  }

  @Override
  public <T> Stream<T> stream(String sql, RowMapper<T> mapper, Object... params) {
    Objects.requireNonNull(sql, "sql");
    return path.stream(sql, mapper, params);
  }

  @Override
  public <T, X extends Exception> T inTransaction(
      TransactionOptions options, TransactionCallback<T, X> work) throws X {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(work, "work");
    StatementPath.TransactionWork<T> callback = c -> {
      try {
        return work.execute(new TransactionImpl(c, path));
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new CallbackFailure(e);
      }
    };
    try {
      return path.transaction(options, callback);
    } catch (CallbackFailure f) {
      throw f.<X>rethrow();
    }
  }
}
