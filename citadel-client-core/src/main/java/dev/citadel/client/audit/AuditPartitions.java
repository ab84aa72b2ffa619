package dev.citadel.client.audit;

import dev.citadel.client.config.AuditConfig;
import dev.citadel.client.config.AuditRetentionAction;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.SqlClient;
import dev.citadel.client.db.Transaction;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Monthly partitions of {@code audit.logs}: partition {@code audit.logs_YYYY_MM} holds the
 * events of that UTC month; {@code audit.logs_default} holds events of months without one, so
 * no event is ever rejected. {@link #maintain()} creates partitions ahead
 * ({@code audit.partitions.months_ahead}), gives months waiting in the default partition their
 * own partition (moving their rows), and detaches or drops partitions older than
 * {@code audit.partitions.retention_months}. Retention never touches the default partition.
 *
 * <p>{@link AuditLog} runs {@link #maintain()} at start and every
 * {@code audit.partitions.maintenance_interval}; hosts that only read can call it themselves.
 * Safe to run from several processes at once (serialised by an advisory lock). Thread-safe;
 * opens nothing of its own.
 *
 * <p><b>Never stalls writers.</b> Creating, attaching, detaching and dropping a partition need
 * strong locks on {@code audit.logs}; a request for one waits behind any open transaction that
 * read the table, and every writer queues behind the request. So each such step waits at most
 * {@link #LOCK_TIMEOUT} for its locks ({@code lock_timeout}), then gives up with a
 * {@link dev.citadel.client.QueryException} of SQLSTATE {@code 55P03} and changes nothing; the
 * audit writer's maintenance tries again a minute later.
 */
public final class AuditPartitions {
  private static final Pattern MONTHLY = Pattern.compile("logs_(\\d{4})_(\\d{2})");
  private static final long LOCK_KEY = 7310012473218904064L;
  /** The longest a maintenance step waits for a lock (writers wait behind it meanwhile): 1 s. */
  public static final Duration LOCK_TIMEOUT = Duration.ofSeconds(1);

  private final SqlClient db;
  private final AuditConfig config;

  private AuditPartitions(SqlClient db, AuditConfig config) {
    this.db = db;
    this.config = config;
  }

  /**
   * Partition maintenance over {@code db} (the caller's; never closed here) with
   * {@code config}'s months ahead and retention.
   */
  public static AuditPartitions create(Database db, AuditConfig config) {
    return new AuditPartitions(Objects.requireNonNull(db, "db"), Objects.requireNonNull(config, "config"));
  }

  /**
   * {@link #maintain(YearMonth)} for the current UTC month.
   *
   * @throws dev.citadel.client.CitadelException when PostgreSQL fails
   */
  public AuditMaintenance maintain() {
    return maintain(YearMonth.now(ZoneOffset.UTC));
  }

  /**
   * Ensures partitions for {@code currentMonth} and the configured months ahead, and for every
   * month with rows in the default partition that retention would keep; then applies retention
   * relative to {@code currentMonth}: partitions of months before
   * {@code currentMonth - retention_months} are detached (renamed {@code logs_YYYY_MM_detached})
   * or dropped.
   *
   * @throws dev.citadel.client.QueryException of SQLSTATE {@code 55P03} when a step did not get
   *     its locks within {@link #LOCK_TIMEOUT} (a long transaction holds the table); the steps
   *     before it are done
   * @throws dev.citadel.client.CitadelException when PostgreSQL fails
   */
  public AuditMaintenance maintain(YearMonth currentMonth) {
    Objects.requireNonNull(currentMonth, "currentMonth");
    YearMonth cutoff = config.retentionMonths() == 0 ? null : currentMonth.minusMonths(config.retentionMonths());
    TreeSet<YearMonth> wanted = new TreeSet<>();
    for (int i = 0; i <= config.partitionMonthsAhead(); i++) {
      wanted.add(currentMonth.plusMonths(i));
    }
    for (String month : db.query("SELECT DISTINCT to_char(event_time AT TIME ZONE 'UTC', 'YYYY-MM')"
        + " FROM audit.logs_default", RowMapper.column(String.class))) {
      YearMonth m = YearMonth.parse(month);
      if (cutoff == null || !m.isBefore(cutoff)) {
        wanted.add(m);
      }
    }
    for (YearMonth m : wanted) {
      ensure(m);
    }
    List<YearMonth> removed = new ArrayList<>();
    if (cutoff != null) {
      for (YearMonth m : months()) {
        if (m.isBefore(cutoff) && remove(m)) {
          removed.add(m);
        }
      }
    }
    return new AuditMaintenance(List.copyOf(wanted), removed);
  }

  /**
   * Creates the partition of {@code month} unless it exists; rows of that month waiting in the
   * default partition move into it. Returns the partition's name, e.g. {@code logs_2025_01}.
   *
   * @throws dev.citadel.client.QueryException of SQLSTATE {@code 55P03} when the locks were not
   *     granted within {@link #LOCK_TIMEOUT}; nothing changed
   * @throws dev.citadel.client.CitadelException when PostgreSQL fails
   */
  public String ensure(YearMonth month) {
    Objects.requireNonNull(month, "month");
    return db.inTransaction(tx -> {
      limitLockWait(tx);
      return tx.queryOne("SELECT audit.ensure_partition(?::date)", RowMapper.column(String.class), month.atDay(1));
    });
  }

  /** Makes the transaction give up on a lock after {@link #LOCK_TIMEOUT} (SET LOCAL: safe behind a pooler). */
  private static void limitLockWait(Transaction tx) {
    tx.queryOne("SELECT set_config('lock_timeout', ?, true)", RowMapper.column(String.class),
        LOCK_TIMEOUT.toMillis() + "ms");
  }

  /** The months that have a partition attached to {@code audit.logs}, ascending. */
  public List<YearMonth> months() {
    TreeSet<YearMonth> months = new TreeSet<>();
    for (String name : db.query("SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
        + " WHERE i.inhparent = 'audit.logs'::regclass", RowMapper.column(String.class))) {
      Matcher m = MONTHLY.matcher(name);
      if (m.matches()) {
        months.add(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
      }
    }
    return List.copyOf(months);
  }

  /** How many events wait in the default partition for a partition of their month. */
  public long rowsInDefaultPartition() {
    return db.queryOne("SELECT count(*) FROM audit.logs_default", RowMapper.column(Long.class));
  }

  private boolean remove(YearMonth month) {
    String name = String.format("logs_%04d_%02d", month.getYear(), month.getMonthValue());
    return db.inTransaction(tx -> {
      limitLockWait(tx);
      tx.queryOne("SELECT 1 FROM pg_advisory_xact_lock(?)", RowMapper.column(Integer.class), LOCK_KEY);
      boolean attached = tx.queryOne("SELECT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c"
          + " ON c.oid = i.inhrelid WHERE i.inhparent = 'audit.logs'::regclass AND c.relname = ?)",
          RowMapper.column(Boolean.class), name);
      if (!attached) {
        return false;
      }
      if (config.retentionAction() == AuditRetentionAction.DROP) {
        tx.update("DROP TABLE audit." + name);
      } else {
        tx.update("ALTER TABLE audit.logs DETACH PARTITION audit." + name);
        tx.update("ALTER TABLE audit." + name + " RENAME TO " + name + "_detached");
      }
      return true;
    });
  }
}
