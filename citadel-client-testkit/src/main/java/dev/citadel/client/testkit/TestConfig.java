package dev.citadel.client.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Ready citadel-client configuration for a test or example, as documented key values: the
 * settings of the kit's servers (a {@link TestDatabase}, a {@link RedisServer}, a
 * {@link RedisCluster} or {@link RedisSentinel}, and any other {@link ConfigValues}, such as a
 * Qdrant server) plus the test defaults of {@link CitadelTestKit#config(ConfigValues...)}. Hand
 * {@link #values()} to {@code CitadelConfig.fromValues(...)}. Immutable; {@link #with} returns a
 * copy. {@code toString()} never contains a password.
 */
public final class TestConfig implements ConfigValues {
  private final Map<String, String> values;

  private TestConfig(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * Returns the values of {@code sources}, later ones winning, with nothing added.
   *
   * @param sources servers or other value sources
   * @return their combined values
   */
  public static TestConfig of(ConfigValues... sources) {
    Map<String, String> all = new LinkedHashMap<>();
    for (ConfigValues source : sources) {
      all.putAll(Objects.requireNonNull(source, "source").configValues());
    }
    return new TestConfig(all);
  }

  /**
   * Returns a copy with {@code key} set to {@code value} (as text; e.g. {@code 20ms}, {@code 3}).
   *
   * @param key a documented key name, e.g. {@code resilience.retry.max_attempts}
   * @param value the value; its {@code toString()} is used
   * @return the copy
   */
  public TestConfig with(String key, Object value) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.put(Objects.requireNonNull(key, "key"), String.valueOf(Objects.requireNonNull(value, "value")));
    return new TestConfig(copy);
  }

  /**
   * Returns a copy with the values of {@code source} added (winning over these).
   *
   * @param source a server or other value source
   * @return the copy
   */
  public TestConfig with(ConfigValues source) {
    return of(this, source);
  }

  /**
   * Returns a copy without the keys of the section {@code section} (e.g. {@code redis}).
   *
   * @param section a section name
   * @return the copy
   */
  public TestConfig without(String section) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.keySet().removeIf(k -> k.startsWith(section + "."));
    return new TestConfig(copy);
  }

  /**
   * Returns the values by key name.
   *
   * @return an unmodifiable map, in the order the keys were added
   */
  public Map<String, String> values() {
    return values;
  }

  @Override
  public Map<String, String> configValues() {
    return values;
  }

  /** Every key, with the values of password, key and URL keys masked. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("TestConfig[");
    values.forEach((k, v) -> s.append(s.length() == 11 ? "" : ", ").append(k).append('=')
        .append(k.endsWith("password") || k.endsWith("_key") || k.endsWith("url") || k.endsWith("pepper")
            ? "******" : v));
    return s.append(']').toString();
  }
}
