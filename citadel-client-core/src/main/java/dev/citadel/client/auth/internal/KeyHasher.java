package dev.citadel.client.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of key secrets under the configured pepper. A database leak alone does not let
 * anyone test guesses offline without the pepper. Thread-safe.
 */
public final class KeyHasher {
  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;
  /** Compared against when no row matched, so unknown prefixes cost the same work. */
  private final byte[] decoy;

  public KeyHasher(String pepper) {
    this.key = new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    this.macs = ThreadLocal.withInitial(this::newMac);
    this.decoy = hash("decoy-secret-never-issued");
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  public byte[] hash(String secret) {
    return macs.get().doFinal(secret.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Whether {@code secret} hashes to {@code stored}, in time independent of where they differ
   * ({@link MessageDigest#isEqual}). With {@code stored} null the work is done against a decoy and
   * the answer is false.
   */
  public boolean matches(String secret, byte[] stored) {
    byte[] presented = hash(secret);
    return MessageDigest.isEqual(presented, stored == null ? decoy : stored) && stored != null;
  }
}
