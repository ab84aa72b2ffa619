package dev.citadel.client.audit.internal;

import dev.citadel.client.audit.ActorType;
import dev.citadel.client.audit.AuditEvent;
import dev.citadel.client.audit.AuditOutcome;
import dev.citadel.client.audit.AuditQuery;
import dev.citadel.client.audit.AuditRecord;
import dev.citadel.client.db.SqlClient;
import dev.citadel.client.paging.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reading {@code audit.logs}: the column list, the row mapping and the paged query. */
public final class AuditRows {
  /** Every column, {@code details} as its {@code jsonb} text. */
  public static final String COLUMNS = "event_time, id, chain_id, seq, actor, actor_type, action,"
      + " resource, model, outcome, request_id, client_address, details::text AS details,"
      + " prev_hash, hash, key_id";

  private AuditRows() {}

  /**
   * The event of the current row, validated like a new one.
   *
   * @throws dev.citadel.client.InvalidArgumentException when the stored row could not
   *     have been written by an {@code AuditLog} (it was edited or forged)
   */
  public static AuditEvent event(ResultSet row) throws SQLException {
    return AuditEvent.builder()
        .id(row.getObject("id", UUID.class))
        .time(row.getObject("event_time", OffsetDateTime.class).toInstant())
        .actor(row.getString("actor"), ActorType.parse(row.getString("actor_type")))
        .action(row.getString("action"))
        .resource(row.getString("resource"))
        .model(row.getString("model"))
        .outcome(AuditOutcome.parse(row.getString("outcome")))
        .requestId(row.getString("request_id"))
        .clientAddress(row.getString("client_address"))
        .details(row.getString("details"))
        .build();
  }

  /** One page of {@code query}'s results. */
  public static Page<AuditRecord> page(SqlClient db, AuditQuery query) {
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM audit.logs WHERE true");
    List<Object> params = new ArrayList<>();
    if (query.actor() != null) {
      sql.append(" AND actor = ?");
      params.add(query.actor());
    }
    if (query.resource() != null) {
      sql.append(" AND resource = ?");
      params.add(query.resource());
    }
    if (query.model() != null) {
      sql.append(" AND model = ?");
      params.add(query.model());
    }
    if (query.from() != null) {
      sql.append(" AND event_time >= ?");
      params.add(query.from());
    }
    if (query.to() != null) {
      sql.append(" AND event_time < ?");
      params.add(query.to());
    }
    if (query.cursor() != null) {
      AuditCursor.Position after = AuditCursor.decode(query.cursor());
      sql.append(" AND (event_time, id) < (?, ?)");
      params.add(EventCodec.fromMicros(after.micros()));
      params.add(after.id());
    }
    sql.append(" ORDER BY event_time DESC, id DESC LIMIT ?");
    params.add(query.limit() + 1);
    List<AuditRecord> rows = db.query(sql.toString(),
        row -> new AuditRecord(event(row), row.getString("chain_id"), row.getLong("seq")),
        params.toArray());
    String next = null;
    if (rows.size() > query.limit()) {
      rows = rows.subList(0, query.limit());
      AuditEvent last = rows.get(rows.size() - 1).event();
      next = AuditCursor.encode(EventCodec.micros(last.time()), last.id());
    }
    return new Page<>(rows, next);
  }
}
