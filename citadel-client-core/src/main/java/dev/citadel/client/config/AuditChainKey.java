package dev.citadel.client.config;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.spi.ConfigValue;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A key of the keyed audit chain: an id, recorded in every row it hashes ({@code audit.logs.key_id}),
 * and the secret key material (HMAC-SHA256), which must not be stored in the database. The
 * material is the secret's UTF-8 bytes, at least {@link #MIN_SECRET_BYTES}. Immutable; its text
 * shows the id and masks the secret.
 */
public final class AuditChainKey extends ConfigValue {
  /** Least key material: 32 bytes (the HMAC-SHA256 output size). */
  public static final int MIN_SECRET_BYTES = 32;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

  private final String id;
  private final Secret secret;

  private AuditChainKey(String id, Secret secret) {
    this.id = id;
    this.secret = secret;
  }

  /**
   * A key named {@code id} (1 to 64 letters, digits, {@code _}, {@code -} or {@code .}) with
   * material {@code secret}.
   *
   * @throws ConfigException ({@code audit.chain_key.id} / {@code audit.chain_key.secret}) for a bad
   *     id or material shorter than {@link #MIN_SECRET_BYTES}; the message never shows the material
   */
  public static AuditChainKey of(String id, Secret secret) {
    return of("audit.chain_key", id, secret);
  }

  static AuditChainKey of(String key, String id, Secret secret) {
    Objects.requireNonNull(secret, "secret");
    if (id == null || !ID.matcher(id).matches()) {
      throw new ConfigException(key + ".id", "'" + id
          + "' is not a valid key id (1 to 64 letters, digits, '_', '-' or '.')");
    }
    if (secret.reveal().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new ConfigException(key + ".secret", "the material of key '" + id + "' is shorter than "
          + MIN_SECRET_BYTES + " bytes (use a random value of 32 bytes or more, e.g. 44 base64 characters)");
    }
    return new AuditChainKey(id, secret);
  }

  /** The key id recorded per row. */
  public String id() {
    return id;
  }

  /** The key material; never log it. */
  public Secret secret() {
    return secret;
  }

  /** The material's bytes (a new array each call). */
  public byte[] material() {
    return secret.reveal().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected Object[] namedFields() {
    return new Object[] {"id", id, "secret", secret};
  }
}
