package dev.citadel.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.citadel.client.ConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No fragment of a secret reaches a config error, whichever source gives it (YAML, interpolated
 * YAML, environment, key values) and whatever goes wrong (interpolation, YAML syntax, a type
 * error of the secret itself, an unrelated bad key, a misspelt secret key). The passwords contain
 * {@code ${...}}, {@code $$} and YAML-special characters, the shapes that used to leak.
 */
class ConfigErrorSecretsTest {

  static List<String> secrets() {
    return List.of("pa55W0rd${ssKey7", "${UNSET}xZ9Pass", "a7Jq$$b}Zk2w", "!Tag9Secret", "k3y: Va1ue#x", "c0mma,Spl1tKey");
  }

  @ParameterizedTest
  @MethodSource("secrets")
  void yamlErrorsShowNoPartOfTheSecret(String secret) {
    assertNoFragment(secret, () -> yaml("database:\n  database: d\n  user: u\n  password: " + secret + "\n  port: nope\n"));
    assertNoFragment(secret, () -> yaml("database: {database: d, user: u, password: " + secret + "}"));
    assertNoFragment(secret, () -> yaml("database: {database: d, user: u, password: '"
        + secret.replace("'", "''") + "', port: nope}"));
    assertNoFragment(secret, () -> yaml("database: {database: d, user: u, password: ['"
        + secret.replace("'", "''") + "']}"));
    assertNoFragment(secret, () -> yaml("database: {database: d, user: u, pasword: '"
        + secret.replace("'", "''") + "'}"));
    assertNoFragment(secret, () -> yaml("auth: {key_pepper: '" + secret.replace("'", "''") + "'}\n"
        + "resilience: {retry: {max_attempts: many}}"));
  }

  @ParameterizedTest
  @MethodSource("secrets")
  void anInterpolatedSecretShowsNoPartOfItself(String secret) {
    Map<String, String> env = Map.of("DB_PW", secret);
    assertNoFragment(secret, () -> CitadelConfig.loader().environment(env)
        .yaml("database: {database: d, user: u, password: '${DB_PW}', port: nope}", "t").load());
    assertNoFragment(secret, () -> CitadelConfig.loader().environment(env)
        .yaml("database: {database: d, user: u, password: '${DB_PW}${MISSING}'}", "t").load());
  }

  @ParameterizedTest
  @MethodSource("secrets")
  void environmentErrorsShowNoPartOfTheSecret(String secret) {
    Map<String, String> env = new HashMap<>(Map.of("CITADEL_DATABASE_DATABASE", "d", "CITADEL_DATABASE_USER", "u"));
    env.put("CITADEL_DATABASE_PASSWORD", secret);
    env.put("POSTGRES_PASSWORD", secret);
    env.put("CITADEL_DATABASE_PORT", "nope");
    assertNoFragment(secret, () -> CitadelConfig.loader().environment(env).load());
    env.remove("CITADEL_DATABASE_PORT");
    env.put("CITADEL_DATABASE_PASWORD", secret);
    assertNoFragment(secret, () -> CitadelConfig.loader().environment(env).load());
    assertNoFragment(secret, () -> CitadelConfig.loader()
        .environment(Map.of("CITADEL_AUTH_KEY_PEPPER", secret, "CITADEL_RESILIENCE_RETRY_MAX_ATTEMPTS", "many"))
        .load());
  }

  @ParameterizedTest
  @MethodSource("secrets")
  void keyValueErrorsShowNoPartOfTheSecret(String secret) {
    assertNoFragment(secret, () -> CitadelConfig.fromValues(Map.of(
        "database.database", "d", "database.user", "u", "database.password", secret, "database.port", "nope")));
    assertNoFragment(secret, () -> CitadelConfig.fromValues(Map.of(
        "database.database", "d", "database.user", "u", "database.password", List.of(secret))));
    assertNoFragment(secret, () -> CitadelConfig.fromValues(Map.of(
        "database.database", "d", "database.user", "u", "database.pasword", secret)));
  }

  private static CitadelConfig yaml(String yaml) {
    return CitadelConfig.loader().environment(Map.of()).yaml(yaml, "t.yaml").load();
  }

  /** Loading fails with a ConfigException, and no run of 3+ letters or digits of the secret is in its text. */
  private static void assertNoFragment(String secret, Supplier<CitadelConfig> load) {
    Throwable failure = catchThrowable(load::get);
    assertThat(failure).as("the load fails").isInstanceOf(ConfigException.class);
    String text = describe(failure);
    List<String> fragments = Arrays.stream(secret.split("[^A-Za-z0-9]+")).filter(f -> f.length() >= 3).toList();
    assertThat(fragments).isNotEmpty();
    for (String fragment : fragments) {
      assertThat(text).as("the error of a load with the secret %s", secret).doesNotContain(fragment);
    }
  }

  /** Every message and toString in the chain, suppressed ones included. */
  private static String describe(Throwable t) {
    List<String> parts = new ArrayList<>();
    for (Throwable c = t; c != null; c = c.getCause()) {
      parts.add(c.getMessage());
      parts.add(c.toString());
      for (Throwable s : c.getSuppressed()) {
        parts.add(describe(s));
      }
    }
    return String.join("\n", parts);
  }
}
