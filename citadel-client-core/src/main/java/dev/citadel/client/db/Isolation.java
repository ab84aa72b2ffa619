package dev.citadel.client.db;

/** PostgreSQL transaction isolation levels (READ UNCOMMITTED behaves as READ COMMITTED there). */
public enum Isolation {
  /** The server's default. */
  READ_COMMITTED("READ COMMITTED"),
  /** Snapshot isolation. */
  REPEATABLE_READ("REPEATABLE READ"),
  /** True serializability; conflicting transactions fail with 40001 and are retried. */
  SERIALIZABLE("SERIALIZABLE");

  private final String sql;

  Isolation(String sql) {
    this.sql = sql;
  }

  /** The SQL spelling, e.g. {@code REPEATABLE READ}. */
  public String sql() {
    return sql;
  }
}
