package dev.citadel.client.audit.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash of one chain link: SHA-256 over the previous row's hash (32 bytes), the chain id
 * (int32 byte count + UTF-8), the row's sequence number (int64, big-endian) and the event's
 * {@link EventCodec} encoding. Not thread-safe: one instance per thread.
 */
public final class ChainHash {
  /** The {@code prev_hash} of a chain's first row: 32 zero bytes. */
  public static final byte[] GENESIS = new byte[32];

  private final MessageDigest sha256;
  private final ByteBuffer header = ByteBuffer.allocate(8);

  public ChainHash() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The hash of the row {@code seq} of {@code chainId} holding {@code encodedEvent}. */
  public byte[] link(byte[] prevHash, String chainId, long seq, byte[] encodedEvent) {
    sha256.update(prevHash);
    byte[] chain = chainId.getBytes(StandardCharsets.UTF_8);
    header.clear();
    header.putInt(chain.length);
    sha256.update(header.array(), 0, 4);
    sha256.update(chain);
    header.clear();
    header.putLong(seq);
    sha256.update(header.array(), 0, 8);
    sha256.update(encodedEvent);
    return sha256.digest();
  }
}
