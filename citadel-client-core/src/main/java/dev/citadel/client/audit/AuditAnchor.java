package dev.citadel.client.audit;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A chain head published outside PostgreSQL: the chain, the position of its newest row and that
 * row's hash, keyed with an HMAC-SHA256 under the chain key {@code keyId} (which never leaves the
 * writer's configuration). {@link AuditVerifier} checks the table against the latest anchor: rows
 * cut from the tail, or a chain rebuilt with a new head, no longer match it, and an anchor
 * written without the key fails its MAC.
 *
 * @param chainId the chain
 * @param sequence the position of the chain's newest row when published
 * @param hash that row's hash (32 bytes)
 * @param keyId the id of the chain key the MAC was made with
 * @param publishedAt when the writer published it
 * @param mac HMAC-SHA256 over the other fields (32 bytes)
 */
public record AuditAnchor(String chainId, long sequence, byte[] hash, String keyId, Instant publishedAt, byte[] mac) {

  /** Checks presence and copies the arrays. */
  public AuditAnchor {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(publishedAt, "publishedAt");
    hash = Objects.requireNonNull(hash, "hash").clone();
    mac = Objects.requireNonNull(mac, "mac").clone();
  }

  /** A copy of the head row's hash. */
  @Override
  public byte[] hash() {
    return hash.clone();
  }

  /** A copy of the MAC. */
  @Override
  public byte[] mac() {
    return mac.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditAnchor a && chainId.equals(a.chainId) && sequence == a.sequence
        && java.util.Arrays.equals(hash, a.hash) && keyId.equals(a.keyId)
        && publishedAt.equals(a.publishedAt) && java.util.Arrays.equals(mac, a.mac);
  }

  @Override
  public int hashCode() {
    return Objects.hash(chainId, sequence, keyId, publishedAt) * 31 + java.util.Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return "AuditAnchor[chain=" + chainId + ", sequence=" + sequence + ", hash="
        + HexFormat.of().formatHex(hash) + ", keyId=" + keyId + ", publishedAt=" + publishedAt + "]";
  }
}
