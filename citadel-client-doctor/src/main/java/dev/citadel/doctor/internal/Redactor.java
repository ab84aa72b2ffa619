package dev.citadel.doctor.internal;

import dev.citadel.client.cache.config.RedisConfig;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.Secret;
import dev.citadel.client.vector.config.QdrantConfig;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Masks the config's secrets in text the doctor prints: the database password, the Redis
 * password, URL (and the password inside it) and Sentinel password, the Qdrant API key and the
 * API-key pepper. The SDK keeps secrets out of its messages already; this is the second line of
 * defence for text that comes from drivers and servers. Secrets shorter than
 * {@value #MIN_LENGTH} characters are not searched for, as masking them would garble ordinary
 * words.
 */
public final class Redactor {
  /** The mask put in place of a secret. */
  public static final String MASK = "******";
  static final int MIN_LENGTH = 4;

  private final List<String> secrets;

  private Redactor(Set<String> secrets) {
    List<String> list = new ArrayList<>(secrets);
    list.sort(Comparator.comparingInt(String::length).reversed()); // a secret inside another goes last
    this.secrets = List.copyOf(list);
  }

  /** A redactor for every secret of {@code config}. */
  public static Redactor of(CitadelConfig config) {
    Set<String> s = new LinkedHashSet<>();
    config.databaseSection().ifPresent(db -> add(s, db.password()));
    config.section(RedisConfig.class).ifPresent(redis -> {
      add(s, redis.password());
      add(s, redis.sentinelPassword());
      add(s, redis.url());
      addUrlPassword(s, redis.url().reveal());
    });
    config.section(QdrantConfig.class).ifPresent(qdrant -> add(s, qdrant.apiKey()));
    add(s, config.auth().keyPepper());
    return new Redactor(s);
  }

  /** A redactor for the given secret values (tests). */
  static Redactor of(String... values) {
    Set<String> s = new LinkedHashSet<>();
    for (String v : values) {
      add(s, Secret.of(v));
    }
    return new Redactor(s);
  }

  /** {@code text} with every secret replaced by {@link #MASK}; null stays null. */
  public String apply(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, MASK);
    }
    return out;
  }

  private static void add(Set<String> out, Secret secret) {
    if (secret != null && secret.reveal().length() >= MIN_LENGTH) {
      out.add(secret.reveal());
    }
  }

  /** The password in {@code scheme://[user:]password@host...}, as written and decoded. */
  private static void addUrlPassword(Set<String> out, String url) {
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return;
    }
    String rest = url.substring(scheme + 3);
    int end = rest.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int i = rest.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    String authority = rest.substring(0, end);
    int at = authority.lastIndexOf('@');
    if (at < 0) {
      return;
    }
    String userInfo = authority.substring(0, at);
    String password = userInfo.substring(userInfo.indexOf(':') + 1); // no ':' means password only
    add(out, Secret.of(password));
    add(out, Secret.of(decoded(password)));
  }

  private static String decoded(String text) {
    if (!text.contains("%") && !text.contains("+")) {
      return text;
    }
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text; // malformed escapes: the text as written is what could be printed
    }
  }
}
