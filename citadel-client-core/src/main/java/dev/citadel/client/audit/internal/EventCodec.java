package dev.citadel.client.audit.internal;

import dev.citadel.client.audit.ActorType;
import dev.citadel.client.audit.AuditEvent;
import dev.citadel.client.audit.AuditOutcome;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The canonical binary encoding of an event with its id and time set. It is hashed into the
 * chain and it is the payload of a spill record, so it must never change for version 1.
 *
 * <pre>
 * byte    version (1)
 * 16 B    id (most significant 8 bytes, then least significant, big-endian)
 * int64   time in microseconds since 1970-01-01T00:00:00Z
 * byte    actor type (0 user, 1 service)
 * byte    outcome (0 success, 1 failure, 2 denied)
 * text    actor, action, resource, model, request id, client address, details
 * </pre>
 * where {@code text} is an int32 byte count (-1 for null) followed by that many UTF-8 bytes, and
 * details is the canonical JSON text.
 */
public final class EventCodec {
  private static final byte VERSION = 1;

  private EventCodec() {}

  /** Encodes {@code e}, whose id and time must be set. */
  public static byte[] encode(AuditEvent e) {
    byte[][] texts = {
      utf8(e.actor()), utf8(e.action()), utf8(e.resource()), utf8(e.model()),
      utf8(e.requestId()), utf8(e.clientAddress()), utf8(e.details())
    };
    int size = 1 + 16 + 8 + 1 + 1;
    for (byte[] t : texts) {
      size += 4 + (t == null ? 0 : t.length);
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(VERSION);
    out.putLong(e.id().getMostSignificantBits()).putLong(e.id().getLeastSignificantBits());
    out.putLong(micros(e.time()));
    out.put((byte) e.actorType().ordinal());
    out.put((byte) e.outcome().ordinal());
    for (byte[] t : texts) {
      if (t == null) {
        out.putInt(-1);
      } else {
        out.putInt(t.length).put(t);
      }
    }
    return out.array();
  }

  /**
   * Decodes what {@link #encode} produced.
   *
   * @throws IllegalArgumentException when {@code bytes} is not such an encoding
   */
  public static AuditEvent decode(byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      if (in.get() != VERSION) {
        throw new IllegalArgumentException("unknown audit event encoding version");
      }
      UUID id = new UUID(in.getLong(), in.getLong());
      Instant time = fromMicros(in.getLong());
      ActorType actorType = ActorType.values()[in.get()];
      AuditOutcome outcome = AuditOutcome.values()[in.get()];
      String actor = text(in);
      String action = text(in);
      String resource = text(in);
      String model = text(in);
      String requestId = text(in);
      String clientAddress = text(in);
      String details = text(in);
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("trailing bytes after an audit event");
      }
      return AuditEvent.builder().id(id).time(time).actor(actor, actorType).action(action)
          .resource(resource).model(model).outcome(outcome).requestId(requestId)
          .clientAddress(clientAddress).details(details).build();
    } catch (RuntimeException e) {
      throw e instanceof IllegalArgumentException iae ? iae
          : new IllegalArgumentException("malformed audit event encoding", e);
    }
  }

  /**
   * Microseconds since the epoch, for any event time (years 1 to 9999). Not
   * {@code ChronoUnit.MICROS.between}: that counts in nanoseconds first and overflows beyond
   * about 292 years from 1970.
   */
  public static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }

  /** The instant {@code micros} microseconds after the epoch. */
  public static Instant fromMicros(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(ByteBuffer in) {
    int n = in.getInt();
    if (n == -1) {
      return null;
    }
    String s = new String(bytes(in, n), StandardCharsets.UTF_8);
    return s;
  }

  private static byte[] bytes(ByteBuffer in, int n) {
    if (n < 0 || n > in.remaining()) {
      throw new IllegalArgumentException("malformed audit event encoding");
    }
    byte[] b = new byte[n];
    in.get(b);
    return b;
  }
}
