package dev.citadel.client.audit.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash of one chain link over the previous row's hash (32 bytes), the chain id (int32 byte
 * count + UTF-8), the row's sequence number (int64, big-endian) and the event's
 * {@link EventCodec} encoding. Unkeyed: SHA-256 of that. Keyed: HMAC-SHA256 under the chain key,
 * with the key id (int32 byte count + UTF-8) after the sequence number, so a row cannot be
 * relabelled with another key's id. Not thread-safe: one instance per thread.
 */
public final class ChainHash {
  /** The {@code prev_hash} of a chain's first row: 32 zero bytes. */
  public static final byte[] GENESIS = new byte[32];

  private final MessageDigest sha256;
  private final Mac hmac;
  private final String keyId;
  private final byte[] keyIdBytes;
  private final ByteBuffer header = ByteBuffer.allocate(8);

  /** Unkeyed: SHA-256. */
  public ChainHash() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    hmac = null;
    keyId = null;
    keyIdBytes = null;
  }

  /** Keyed: HMAC-SHA256 under {@code key}, recording {@code keyId}. */
  public ChainHash(String keyId, byte[] key) {
    sha256 = null;
    hmac = hmac(key);
    this.keyId = keyId;
    this.keyIdBytes = keyId.getBytes(StandardCharsets.UTF_8);
  }

  /** A fresh HMAC-SHA256 instance under {@code key}. */
  static Mac hmac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  /** The key id this hasher records, or null when unkeyed. */
  public String keyId() {
    return keyId;
  }

  /** The hash of the row {@code seq} of {@code chainId} holding {@code encodedEvent}. */
  public byte[] link(byte[] prevHash, String chainId, long seq, byte[] encodedEvent) {
    byte[] chain = chainId.getBytes(StandardCharsets.UTF_8);
    if (hmac == null) {
      sha256.update(prevHash);
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
    hmac.update(prevHash);
    header.clear();
    header.putInt(chain.length);
    hmac.update(header.array(), 0, 4);
    hmac.update(chain);
    header.clear();
    header.putLong(seq);
    hmac.update(header.array(), 0, 8);
    header.clear();
    header.putInt(keyIdBytes.length);
    hmac.update(header.array(), 0, 4);
    hmac.update(keyIdBytes);
    hmac.update(encodedEvent);
    return hmac.doFinal();
  }
}
