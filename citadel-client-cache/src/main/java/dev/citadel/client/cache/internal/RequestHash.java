package dev.citadel.client.cache.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** The {@code {hash}} of an API cache key. */
public final class RequestHash {
  private RequestHash() {}

  public static String sha256(String request) {
    Objects.requireNonNull(request, "request");
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
