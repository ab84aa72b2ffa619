package dev.citadel.client.audit.internal;

import dev.citadel.client.audit.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Rows of {@code audit.logs} in PostgreSQL's COPY text format, in the column order of
 * {@link #COPY_SQL}. Not thread-safe; reusable after {@link #reset()}.
 */
public final class CopyRows {
  /** The COPY statement the rows are formatted for. */
  public static final String COPY_SQL = "COPY audit.logs (event_time, id, chain_id, seq, actor,"
      + " actor_type, action, resource, model, outcome, request_id, client_address, details,"
      + " prev_hash, hash) FROM STDIN";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder text = new StringBuilder(1 << 16);
  private int rows;

  /** Appends one row. */
  public void add(AuditEvent e, String chainId, long seq, byte[] prevHash, byte[] hash) {
    timestamp(EventCodec.micros(e.time()));
    text.append('\t').append(e.id()).append('\t');
    escaped(chainId);
    text.append('\t').append(seq).append('\t');
    escaped(e.actor());
    text.append('\t').append(e.actorType().value()).append('\t');
    escaped(e.action());
    text.append('\t');
    escaped(e.resource());
    text.append('\t');
    escaped(e.model());
    text.append('\t').append(e.outcome().value()).append('\t');
    escaped(e.requestId());
    text.append('\t');
    escaped(e.clientAddress());
    text.append('\t');
    escaped(e.details());
    text.append('\t');
    bytea(prevHash);
    text.append('\t');
    bytea(hash);
    text.append('\n');
    rows++;
  }

  /** Rows added since the last reset. */
  public int rows() {
    return rows;
  }

  /** The rows as UTF-8 bytes. */
  public byte[] toBytes() {
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Forgets every row. */
  public void reset() {
    text.setLength(0);
    rows = 0;
  }

  private void timestamp(long micros) {
    long seconds = Math.floorDiv(micros, 1_000_000L);
    int fraction = (int) Math.floorMod(micros, 1_000_000L);
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    pad(t.getYear(), 4);
    text.append('-');
    pad(t.getMonthValue(), 2);
    text.append('-');
    pad(t.getDayOfMonth(), 2);
    text.append(' ');
    pad(t.getHour(), 2);
    text.append(':');
    pad(t.getMinute(), 2);
    text.append(':');
    pad(t.getSecond(), 2);
    text.append('.');
    pad(fraction, 6);
    text.append("+00");
  }

  private void pad(int value, int width) {
    String s = Integer.toString(value);
    for (int i = s.length(); i < width; i++) {
      text.append('0');
    }
    text.append(s);
  }

  private void escaped(String s) {
    if (s == null) {
      text.append("\\N");
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> text.append("\\\\");
        case '\t' -> text.append("\\t");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        default -> text.append(c);
      }
    }
  }

  private void bytea(byte[] b) {
    text.append("\\\\x");
    for (byte x : b) {
      text.append(HEX[(x >> 4) & 0xF]).append(HEX[x & 0xF]);
    }
  }
}
