package dev.citadel.client.cache;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.citadel.client.cache.internal.Codecs;

/**
 * Turns values into the bytes stored in Redis and back. Implementations must be thread-safe and
 * must not use Java serialization. {@link #utf8()}, {@link #bytes()} and the JSON codecs
 * ({@link #json(Class)}) cover the usual cases; JSON is what other Citadel services read.
 *
 * @param <T> the value type
 */
public interface ValueCodec<T> {

  /**
   * Encodes a value.
   *
   * @param value never null
   * @return the stored bytes; never null
   * @throws CodecException when the value cannot be encoded
   */
  byte[] encode(T value);

  /**
   * Decodes stored bytes.
   *
   * @param bytes never null
   * @return the value; never null
   * @throws CodecException when the bytes are not a value of this codec
   */
  T decode(byte[] bytes);

  /** Strings as UTF-8 bytes (what {@code redis-cli} shows as text). */
  static ValueCodec<String> utf8() {
    return Codecs.UTF8;
  }

  /** Bytes as they are; the array is neither copied nor kept. */
  static ValueCodec<byte[]> bytes() {
    return Codecs.BYTES;
  }

  /**
   * JSON through a shared Jackson {@link ObjectMapper} that writes {@link java.time.Instant} as
   * ISO-8601 text and ignores unknown properties when reading.
   *
   * @param type the value class (records and plain beans both work)
   */
  static <T> ValueCodec<T> json(Class<T> type) {
    return Codecs.json(Codecs.defaultMapper(), type);
  }

  /** JSON of a generic type, e.g. {@code new TypeReference<Map<String, Object>>() {}}. */
  static <T> ValueCodec<T> json(TypeReference<T> type) {
    return Codecs.json(Codecs.defaultMapper(), type);
  }

  /**
   * JSON through the caller's mapper, which stays the caller's; it must not be reconfigured
   * after this call.
   */
  static <T> ValueCodec<T> json(ObjectMapper mapper, Class<T> type) {
    return Codecs.json(mapper, type);
  }
}
