package dev.citadel.client.audit.internal;

import dev.citadel.client.audit.AuditAnchor;
import dev.citadel.client.config.AuditChainKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/** The HMAC-SHA256 of an {@link AuditAnchor}: over a versioned text form of its other fields. */
public final class AnchorMac {
  private AnchorMac() {}

  /** A new anchor of {@code chainId} at {@code seq}/{@code hash}, keyed with {@code key}. */
  public static AuditAnchor sign(AuditChainKey key, String chainId, long seq, byte[] hash, Instant at) {
    return new AuditAnchor(chainId, seq, hash, key.id(), at, mac(key, chainId, seq, hash, key.id(), at));
  }

  /** Whether {@code anchor}'s MAC was made with {@code key}. */
  public static boolean verifies(AuditChainKey key, AuditAnchor anchor) {
    return key.id().equals(anchor.keyId()) && MessageDigest.isEqual(anchor.mac(),
        mac(key, anchor.chainId(), anchor.sequence(), anchor.hash(), anchor.keyId(), anchor.publishedAt()));
  }

  private static byte[] mac(AuditChainKey key, String chainId, long seq, byte[] hash, String keyId, Instant at) {
    String text = "citadel-audit-anchor-v1\n" + chainId + "\n" + seq + "\n" + HexFormat.of().formatHex(hash)
        + "\n" + keyId + "\n" + at;
    return ChainHash.hmac(key.material()).doFinal(text.getBytes(StandardCharsets.UTF_8));
  }
}
