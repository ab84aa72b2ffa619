package dev.citadel.client.db;

/** Which PostgreSQL endpoint a call uses. */
public enum Endpoint {
  /**
   * {@code database.host:port}: usually Pgpool-II or PgBouncer. The normal path for
   * application work.
   */
  POOLED,
  /**
   * {@code database.direct_host:direct_port}: PostgreSQL itself. Used for migrations and for
   * work that needs a real session (advisory locks, LISTEN).
   */
  DIRECT,
  /**
   * {@code database.read_hosts} (default {@code database.hosts}): a hot-standby replica when one
   * answers, the primary otherwise. Transactions on it are read-only. Reached through
   * {@link Database#reads()} and {@link SqlClient#reads()}.
   */
  READ
}
