package dev.citadel.client.audit.internal;

import dev.citadel.client.audit.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.postgresql.copy.CopyIn;

/**
 * Rows of {@code audit.logs} in PostgreSQL's COPY text format, UTF-8 encoded, in the column order
 * of {@link #COPY_SQL}. Encodes straight into one reusable byte buffer: the writer thread renders
 * every batch while the server waits, so this is on the audit log's critical path. Not
 * thread-safe; reusable after {@link #reset()}.
 */
public final class CopyRows {
  /** The COPY statement the rows are formatted for. */
  public static final String COPY_SQL = "COPY audit.logs (event_time, id, chain_id, seq, actor,"
      + " actor_type, action, resource, model, outcome, request_id, client_address, details,"
      + " prev_hash, hash, key_id) FROM STDIN";
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] buf = new byte[1 << 16];
  private int length;
  private int rows;

  /** Appends one row of the unkeyed chain. */
  public void add(AuditEvent e, String chainId, long seq, byte[] prevHash, byte[] hash) {
    add(e, chainId, seq, prevHash, hash, null);
  }

  /** Appends one row; {@code keyId} is null for the unkeyed chain. */
  public void add(AuditEvent e, String chainId, long seq, byte[] prevHash, byte[] hash, String keyId) {
    timestamp(EventCodec.micros(e.time()));
    tab();
    ascii(e.id().toString());
    tab();
    text(chainId);
    tab();
    ascii(Long.toString(seq));
    tab();
    text(e.actor());
    tab();
    ascii(e.actorType().value());
    tab();
    text(e.action());
    tab();
    text(e.resource());
    tab();
    text(e.model());
    tab();
    ascii(e.outcome().value());
    tab();
    text(e.requestId());
    tab();
    text(e.clientAddress());
    tab();
    text(e.details());
    tab();
    bytea(prevHash);
    tab();
    bytea(hash);
    tab();
    text(keyId);
    ensure(1);
    buf[length++] = '\n';
    rows++;
  }

  /** Rows added since the last reset. */
  public int rows() {
    return rows;
  }

  /** Bytes encoded since the last reset. */
  public int size() {
    return length;
  }

  /** A copy of the encoded rows. */
  public byte[] toBytes() {
    return Arrays.copyOf(buf, length);
  }

  /** Sends the encoded rows into {@code in}, without copying them. */
  public void writeTo(CopyIn in) throws SQLException {
    in.writeToCopy(buf, 0, length);
  }

  /** Forgets every row (keeps the buffer). */
  public void reset() {
    length = 0;
    rows = 0;
  }

  private void tab() {
    ensure(1);
    buf[length++] = '\t';
  }

  private void timestamp(long micros) {
    long seconds = Math.floorDiv(micros, 1_000_000L);
    int fraction = (int) Math.floorMod(micros, 1_000_000L);
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    ensure(32);
    digits(t.getYear(), 4);
    buf[length++] = '-';
    digits(t.getMonthValue(), 2);
    buf[length++] = '-';
    digits(t.getDayOfMonth(), 2);
    buf[length++] = ' ';
    digits(t.getHour(), 2);
    buf[length++] = ':';
    digits(t.getMinute(), 2);
    buf[length++] = ':';
    digits(t.getSecond(), 2);
    buf[length++] = '.';
    digits(fraction, 6);
    buf[length++] = '+';
    buf[length++] = '0';
    buf[length++] = '0';
  }

  /** {@code value} (0 to 999,999; years 1 to 9999) in exactly {@code width} digits, zero-padded. */
  private void digits(int value, int width) {
    for (int i = length + width - 1; i >= length; i--) {
      buf[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length += width;
  }

  /** Text known to be ASCII without characters COPY escapes (ids, enum values, numbers). */
  private void ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[length++] = (byte) s.charAt(i);
    }
  }

  /** A text column: {@code \N} for null, COPY's backslash escapes, UTF-8. */
  private void text(String s) {
    if (s == null) {
      ensure(2);
      buf[length++] = '\\';
      buf[length++] = 'N';
      return;
    }
    int n = s.length();
    ensure(3 * n); // the most one char takes: 3 UTF-8 bytes (a surrogate pair: 4 for 2 chars)
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        switch (c) {
          case '\\' -> escape('\\');
          case '\t' -> escape('t');
          case '\n' -> escape('n');
          case '\r' -> escape('r');
          default -> buf[length++] = (byte) c;
        }
      } else if (c < 0x800) {
        buf[length++] = (byte) (0xC0 | (c >> 6));
        buf[length++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          buf[length++] = (byte) (0xF0 | (cp >> 18));
          buf[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          buf[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          buf[length++] = (byte) (0x80 | (cp & 0x3F));
        } else {
          buf[length++] = '?'; // what String.getBytes(UTF_8) writes for a lone surrogate
        }
      } else {
        buf[length++] = (byte) (0xE0 | (c >> 12));
        buf[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[length++] = (byte) (0x80 | (c & 0x3F));
      }
    }
  }

  private void escape(char c) {
    buf[length++] = '\\';
    buf[length++] = (byte) c;
  }

  /** A bytea column in hex form, its backslash escaped for COPY: {@code \\x0a1b...}. */
  private void bytea(byte[] b) {
    ensure(3 + 2 * b.length);
    buf[length++] = '\\';
    buf[length++] = '\\';
    buf[length++] = 'x';
    for (byte x : b) {
      buf[length++] = HEX[(x >> 4) & 0xF];
      buf[length++] = HEX[x & 0xF];
    }
  }

  private void ensure(int more) {
    if (length + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
    }
  }
}
