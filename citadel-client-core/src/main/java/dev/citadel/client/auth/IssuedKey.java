package dev.citadel.client.auth;

import java.util.UUID;

/**
 * A newly issued key. {@link #plaintext()} is the only time the full key exists outside its
 * holder: hand it over and forget it; only a keyed hash is stored. {@link #toString()} masks it.
 *
 * @param id the key's id
 * @param prefix the public part, shown in listings
 * @param plaintext the full key, {@code ck_<prefix>_<secret>}
 */
public record IssuedKey(UUID id, String prefix, String plaintext) {

  @Override
  public String toString() {
    return "IssuedKey[id=" + id + ", prefix=" + prefix + ", plaintext=******]";
  }
}
