package dev.citadel.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.ConfigException;
import dev.citadel.spring.boot.internal.SpringConfigValues;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** How {@code citadel.*} properties reach the loader's keys. */
class SpringConfigValuesTest {

  private static StandardEnvironment environment(Map<String, Object> properties) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new MapPropertySource("test-properties", properties));
    return env;
  }

  @Test
  void kebabAndSnakeSpellingsReachTheSameKey() {
    assertThat(SpringConfigValues.of(environment(Map.of("citadel.database.pool.max-connections", "7"))).values())
        .containsEntry("database.pool.max_connections", "7");
    assertThat(SpringConfigValues.of(environment(Map.of("citadel.database.pool.max_connections", "7"))).values())
        .containsEntry("database.pool.max_connections", "7");
  }

  @Test
  void twoSpellingsOfOneKeyWithDifferentValuesInOneSourceAreRefusedNamingBoth() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("citadel.database.pool.wait-timeout", "5s");
    properties.put("citadel.database.pool.wait_timeout", "9s");
    assertThatThrownBy(() -> SpringConfigValues.of(environment(properties)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("citadel.database.pool.wait_timeout")
        .hasMessageContaining("citadel.database.pool.wait-timeout")
        .hasMessageContaining("test-properties");
  }

  @Test
  void twoSpellingsWithTheSameValueAreAccepted() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("citadel.database.pool.wait-timeout", "5s");
    properties.put("citadel.database.pool.wait_timeout", "5s");
    assertThat(SpringConfigValues.of(environment(properties)).values())
        .containsEntry("database.pool.wait_timeout", "5s");
  }

  @Test
  void aStrongerSourceStillReplacesAWeakerOnesSpelling() {
    StandardEnvironment env = environment(Map.of("citadel.database.pool.wait-timeout", "5s"));
    env.getPropertySources().addFirst(new MapPropertySource("stronger", Map.of("citadel.database.pool.wait_timeout", "9s")));
    assertThat(SpringConfigValues.of(env).values()).containsEntry("database.pool.wait_timeout", "9s");
  }
}
