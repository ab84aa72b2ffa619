package dev.citadel.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.ConfigException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  /** The layout of the Citadel database.yaml (seed 000 §8.1.1), with our own values. */
  private static final String SEED_LAYOUT = """
      database:
        host: db.example.internal
        port: 5433
        direct_port: 5432
        database: citadel_ai
        user: citadel_app
        password: ${DB_PASSWORD}
        pool:
          min_connections: 5
          max_connections: 20
          connection_timeout: 30
        schemas:
          - deepcoder
          - mixtral
          - custom_model
      """;

  private static CitadelConfig load(String yaml, Map<String, String> env) {
    return CitadelConfig.loader().yaml(yaml, "test.yaml").environment(env).load();
  }

  @Test
  void loadsTheSeedLayoutWithInterpolation() {
    CitadelConfig config = load(SEED_LAYOUT, Map.of("DB_PASSWORD", "pw-from-env"));

    DatabaseConfig db = config.database();
    assertThat(db.host()).isEqualTo("db.example.internal");
    assertThat(db.port()).isEqualTo(5433);
    assertThat(db.directHost()).isEqualTo("db.example.internal");
    assertThat(db.directPort()).isEqualTo(5432);
    assertThat(db.database()).isEqualTo("citadel_ai");
    assertThat(db.user()).isEqualTo("citadel_app");
    assertThat(db.password().reveal()).isEqualTo("pw-from-env");
    assertThat(db.pool().minConnections()).isEqualTo(5);
    assertThat(db.pool().maxConnections()).isEqualTo(20);
    assertThat(db.pool().waitTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(db.models()).containsKeys(DatabaseConfig.DEFAULT_MODELS.toArray(String[]::new));
    assertThat(db.models()).containsEntry("custom_model", "custom_model");
  }

  @Test
  void aSectionWhoseModuleIsMissingNamesTheJar() {
    assertThatThrownBy(() -> load(SEED_LAYOUT + "redis: {host: cache.example.internal}\n",
        Map.of("DB_PASSWORD", "pw")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("redis: section 'redis' is read by citadel-client-cache, which is not on the class path"
            + " (in test.yaml)");
    assertThatThrownBy(() -> CitadelConfig.loader().environment(Map.of())
        .values(Map.of("qdrant.host", "q")).load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("section 'qdrant' is read by citadel-client-vector, which is not on the class path");
  }

  @Test
  void aModuleSectionIsBuiltByItsOwnerAndFoundByType() {
    CitadelConfig config = load("recording: {host: rec.example, port: 7}", Map.of());
    assertThat(config.section(dev.citadel.client.RecordingSection.Settings.class))
        .contains(dev.citadel.client.RecordingSection.Settings.of("rec.example", 7));
    assertThat(config.section(DatabaseConfig.class)).isEmpty();
    assertThat(config.moduleSections()).hasSize(1);
    assertThatThrownBy(() -> load("recording: {port: 0}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("recording.port: must be a port between 1 and 65535, was 0 (from test.yaml)");
  }

  @Test
  void tlsHasOneShape() {
    DatabaseConfig db = load("database: {database: d, user: u, tls: {mode: verify-full, ca_file: /etc/ca.pem}}",
        Map.of()).database();
    assertThat(db.tls()).isEqualTo(TlsOptions.builder().mode(TlsMode.VERIFY_FULL).caFile("/etc/ca.pem").build());
    assertThat(load("database: {database: d, user: u}", Map.of()).database().tls())
        .as("the database default is unchanged").isEqualTo(TlsOptions.of(TlsMode.PREFER));
    assertThat(load("database: {database: d, user: u}", Map.of("CITADEL_DATABASE_TLS_MODE", "require"))
        .database().tls().mode()).isEqualTo(TlsMode.REQUIRE);
  }

  @Test
  void keyValuesSitBetweenYamlAndEnvironment() {
    String yaml = "database: {host: from-yaml, port: 6000, database: yamldb, user: u}";
    Map<String, Object> values = Map.of("database.port", 6100, "database.user", "from-values",
        "database.statement_timeout", Duration.ofSeconds(3), "database.pool.connection_timeout", "4s");
    CitadelConfig fromValues = CitadelConfig.loader().yaml(yaml, "t").values(values)
        .environment(Map.of("POSTGRES_USER", "from-env")).load();
    assertThat(fromValues.database().host()).isEqualTo("from-yaml");
    assertThat(fromValues.database().port()).isEqualTo(6100);
    assertThat(fromValues.database().user()).isEqualTo("from-env");
    assertThat(fromValues.database().statementTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(fromValues.database().pool().waitTimeout()).as("the seed's spelling").isEqualTo(Duration.ofSeconds(4));
    assertThatThrownBy(() -> CitadelConfig.loader().environment(Map.of())
        .values(Map.of("database.prot", 1), "test kit").load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("database.prot (did you mean database.port?)")
        .hasMessageContaining("test kit");
  }

  @Test
  void interpolationDefaultAppliesWhenVariableUnsetOrEmpty() {
    String yaml = "database: {database: d, user: u, host: '${PGHOST_X:-fallback.host}'}";
    assertThat(load(yaml, Map.of()).database().host()).isEqualTo("fallback.host");
    assertThat(load(yaml, Map.of("PGHOST_X", "")).database().host()).isEqualTo("fallback.host");
    assertThat(load(yaml, Map.of("PGHOST_X", "set.host")).database().host()).isEqualTo("set.host");
    assertThat(load("database: {database: d, user: u, password: 'a$$b'}", Map.of())
        .database().password().reveal()).isEqualTo("a$b");
  }

  @Test
  void unsetVariableWithoutDefaultNamesKeyAndVariable() {
    assertThatThrownBy(() -> load(SEED_LAYOUT, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("database.password")
        .hasMessageContaining("DB_PASSWORD is not set")
        .extracting(e -> ((ConfigException) e).key()).isEqualTo("database.password");
  }

  @Test
  void malformedInterpolationNamesKey() {
    assertThatThrownBy(() -> load("database: {database: d, user: u, host: '${OOPS'}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("database.host: unterminated '${'");
    assertThatThrownBy(() -> load("database: {database: d, user: u, host: '${1BAD}'}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("database.host: bad interpolation");
  }

  @Test
  void missingRequiredKeyIsNamed() {
    assertThatThrownBy(() -> load("database: {host: h, user: u}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("database.database: is required");
    assertThatThrownBy(() -> load("database: {host: h, database: d}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("database.user: is required");
  }

  @Test
  void badPortIsNamedWithItsValue() {
    assertThatThrownBy(() -> load("database: {database: d, user: u, port: abc}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("database.port: must be an integer, was 'abc'");
    assertThatThrownBy(() -> load("database: {database: d, user: u, port: 70000}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("database.port: must be a port between 1 and 65535, was 70000");
    assertThatThrownBy(() -> load("database: {database: d, user: u}", Map.of("POSTGRES_PORT", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("database.port")
        .hasMessageContaining("POSTGRES_PORT");
  }

  @Test
  void unknownKeysAreReportedTogetherWithSuggestions() {
    String yaml = """
        database:
          database: d
          user: u
          pool:
            max_conections: 5
        recording:
          hots: h
        telemetry: on
        """;
    assertThatThrownBy(() -> load(yaml, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("database.pool.max_conections (did you mean database.pool.max_connections?)")
        .hasMessageContaining("recording.hots (did you mean recording.host?)")
        .hasMessageContaining("telemetry");
  }

  @Test
  void badSchemaIdentifierIsRejectedBeforeAnySqlRuns() {
    assertThatThrownBy(() -> load("database: {database: d, user: u, schemas: ['x\"; DROP TABLE t; --']}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("database.schemas[0]: ")
        .hasMessageContaining("is not a valid identifier");
    assertThatThrownBy(() -> load("database: {database: d, user: u, models: {chat: 'Upper'}}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("database.models.chat:");
    assertThatThrownBy(() -> load("database: {database: d, user: u, models: {'bad name!': ok}}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("database.models:");
    assertThatThrownBy(() -> load("database: {database: d, user: u, schemas: [Llama3]}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("database.schemas[0]: 'Llama3' is not a valid schema name")
        .hasMessageContaining("map it to a schema under models: database.models: {Llama3: llama3}");
  }

  @Test
  void crossFieldRulesNameTheKey() {
    assertThatThrownBy(() -> load("database: {database: d, user: u, pool: {min_connections: 30, max_connections: 20}}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("database.pool.min_connections: must not exceed database.pool.max_connections");
    assertThatThrownBy(() -> load("resilience: {retry: {initial_delay: 5s, max_delay: 1s}}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("resilience.retry.max_delay:");
    assertThatThrownBy(() -> load("database: {database: d, user: u, statement_timeout: soon}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("database.statement_timeout: must be a duration");
    assertThatThrownBy(() -> load("database: {database: d, user: u, tls: {mode: maybe}}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("database.tls.mode: must be one of");
    assertThatThrownBy(() -> load("database: {database: d, user: u, tls: {mode: disable, ca_file: /ca.pem}}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("database.tls.ca_file: is set but database.tls.mode is disable");
  }

  @Test
  void precedenceIsDefaultsThenYamlThenPostgresAliasesThenCitadelNamesThenCode() {
    String yaml = "database: {host: from-yaml, port: 6000, database: yamldb, user: u}";
    Map<String, String> env = new HashMap<>();
    assertThat(load(yaml, env).database().port()).isEqualTo(6000);
    assertThat(load(yaml, env).database().statementTimeout()).isEqualTo(DatabaseConfig.DEFAULT_STATEMENT_TIMEOUT);

    env.put("POSTGRES_PORT", "6001");
    env.put("POSTGRES_DB", "envdb");
    assertThat(load(yaml, env).database().port()).isEqualTo(6001);
    assertThat(load(yaml, env).database().database()).isEqualTo("envdb");
    assertThat(load(yaml, env).database().host()).isEqualTo("from-yaml");

    env.put("CITADEL_DATABASE_PORT", "6002");
    assertThat(load(yaml, env).database().port()).isEqualTo(6002);

    CitadelConfig fromCode = load(yaml, env).toBuilder()
        .database(load(yaml, env).database().toBuilder().port(6003).build())
        .build();
    assertThat(fromCode.database().port()).isEqualTo(6003);
    assertThat(fromCode.database().database()).isEqualTo("envdb");
  }

  @Test
  void postgresPoolVariablesMapToMinAndMax() {
    Map<String, String> env = Map.of(
        "POSTGRES_HOST", "h", "POSTGRES_DB", "d", "POSTGRES_USER", "u",
        "POSTGRES_POOL_SIZE", "20", "POSTGRES_MAX_OVERFLOW", "30", "POSTGRES_POOL_TIMEOUT", "15");
    PoolConfig pool = CitadelConfig.loader().environment(env).load().database().pool();
    assertThat(pool.minConnections()).isEqualTo(20);
    assertThat(pool.maxConnections()).isEqualTo(50);
    assertThat(pool.waitTimeout()).isEqualTo(Duration.ofSeconds(15));

    Map<String, String> explicit = new HashMap<>(env);
    explicit.put("CITADEL_DATABASE_POOL_MAX_CONNECTIONS", "25");
    assertThat(CitadelConfig.loader().environment(explicit).load().database().pool().maxConnections())
        .isEqualTo(25);
  }

  @Test
  void environmentAloneConfiguresEverySection() {
    Map<String, String> env = Map.of(
        "POSTGRES_HOST", "pg", "POSTGRES_DB", "d", "POSTGRES_USER", "u",
        "CITADEL_DATABASE_DIRECT_PORT", "5999",
        "CITADEL_DATABASE_SCHEMAS", "alpha, beta",
        "CITADEL_DATABASE_MODELS", "gpt-x=gptx",
        "CITADEL_RECORDING_HOST", "r",
        "CITADEL_RESILIENCE_RETRY_MAX_ATTEMPTS", "5",
        "CITADEL_CLIENT_NAME", "model-server");
    CitadelConfig config = CitadelConfig.loader().environment(env).load();
    assertThat(config.clientName()).isEqualTo("model-server");
    assertThat(config.database().directPort()).isEqualTo(5999);
    assertThat(config.database().models()).containsEntry("alpha", "alpha").containsEntry("beta", "beta")
        .containsEntry("gpt-x", "gptx").containsKey("mixtral");
    assertThat(config.section(dev.citadel.client.RecordingSection.Settings.class).orElseThrow().host())
        .isEqualTo("r");
    assertThat(config.resilience().maxAttempts()).isEqualTo(5);
  }

  @Test
  void noDatabaseSectionWhenNothingConfiguresIt() {
    CitadelConfig config = CitadelConfig.loader().environment(Map.of()).yaml("recording: {host: r}", "t").load();
    assertThat(config.databaseSection()).isEmpty();
    assertThat(config.section(dev.citadel.client.RecordingSection.Settings.class)).isPresent();
  }

  @Test
  void defaultModelsCanBeTurnedOff() {
    CitadelConfig config = load("database: {database: d, user: u, default_models: false, schemas: [only_one]}", Map.of());
    assertThat(config.database().models()).containsOnlyKeys("only_one");
  }

  @Test
  void durationsAcceptSecondsUnitsAndIso() {
    CitadelConfig config = load("""
        database:
          database: d
          user: u
          statement_timeout: 500ms
          connect_timeout: PT2S
          pool: {idle_timeout: 5m, max_lifetime: 1h}
        """, Map.of());
    assertThat(config.database().statementTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.database().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.database().pool().idleTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.database().pool().maxLifetime()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void socketTimeoutDefaultsToTheStatementTimeoutPlusAMarginAndMustExceedIt() {
    CitadelConfig derived = load("database: {database: d, user: u, statement_timeout: 2s}", Map.of());
    assertThat(derived.database().socketTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(derived.database().toBuilder().statementTimeout(Duration.ofSeconds(60)).build().socketTimeout())
        .as("a derived socket timeout follows the statement timeout").isEqualTo(Duration.ofSeconds(65));
    CitadelConfig unbounded = load("database: {database: d, user: u, statement_timeout: 0}", Map.of());
    assertThat(unbounded.database().socketTimeout()).isZero();
    CitadelConfig explicit = load("database: {database: d, user: u, statement_timeout: 2s, socket_timeout: 3s}",
        Map.of());
    assertThat(explicit.database().socketTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(load("database: {database: d, user: u}", Map.of("CITADEL_DATABASE_SOCKET_TIMEOUT", "45s"))
        .database().socketTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThatThrownBy(() -> load("database: {database: d, user: u, statement_timeout: 5s, socket_timeout: 5s}",
        Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("database.socket_timeout")
        .hasMessageContaining("must be longer than database.statement_timeout");
    assertThatThrownBy(() -> load("database: {database: d, user: u, socket_timeout: -1s}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("database.socket_timeout");
  }

  @Test
  void invalidYamlIsAConfigException() {
    assertThatThrownBy(() -> load("database: [unclosed", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is not valid YAML");
    assertThatThrownBy(() -> load("- just\n- a list", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("must be a mapping");
  }

  @Test
  void everyDocumentedKeyCanBeSetFromYaml() {
    // Guards the key table: each path in it must parse from YAML without being "unknown".
    for (String path : dev.citadel.client.config.internal.ConfigKeys.paths()) {
      assertThat(path).matches("[a-z_.]+");
    }
    assertThat(dev.citadel.client.config.internal.ConfigKeys.paths())
        .contains("database.direct_port", "database.pool.wait_timeout", "database.tls.mode", "recording.host",
            "resilience.circuit_breaker.failure_threshold");
    assertThat(dev.citadel.client.config.internal.ConfigKeys.envNames("database.host"))
        .isEqualTo(List.of("POSTGRES_HOST", "CITADEL_DATABASE_HOST"));
    assertThat(dev.citadel.client.config.internal.ConfigKeys.envNames("recording.host"))
        .isEqualTo(List.of("RECORDING_HOST", "CITADEL_RECORDING_HOST"));
  }

  @Test
  void aMisspeltCitadelVariableIsReportedWithASuggestion() {
    Map<String, String> env = Map.of(
        "CITADEL_DATABASE_DATABASE", "d", "CITADEL_DATABASE_USER", "u",
        "CITADEL_DATABSE_HOST", "db.example.internal",
        "CITADEL_TESTKIT_MODE", "embedded", "CITADEL_TEST_POSTGRES_HOST", "pg", "CITADEL_CONFIG", "/etc/citadel.yaml");
    assertThatThrownBy(() -> CitadelConfig.loader().environment(env).load())
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("CITADEL_DATABSE_HOST"))
        .hasMessageStartingWith("CITADEL_DATABSE_HOST: unknown configuration variable in the environment: "
            + "CITADEL_DATABSE_HOST (did you mean CITADEL_DATABASE_HOST?)")
        .hasMessageContaining("(reserved: CITADEL_CONFIG, CITADEL_TEST_*, CITADEL_TESTKIT_*)");
    assertThatThrownBy(() -> CitadelConfig.loader()
        .environment(Map.of("CITADEL_DATABASE_POOL_CONNECTION_TIMEOUT", "5s", "CITADEL_RECORDING_PROT", "1")).load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("variables in the environment: CITADEL_DATABASE_POOL_CONNECTION_TIMEOUT (an old spelling,"
            + " read from YAML and key values only: the variable is CITADEL_DATABASE_POOL_WAIT_TIMEOUT), CITADEL_RECORDING_PROT"
            + " (did you mean CITADEL_RECORDING_PORT?)");
  }

  @Test
  void reservedAndForeignCitadelVariablesAreLeftAlone() {
    Map<String, String> env = new HashMap<>(Map.of(
        "CITADEL_DATABASE_DATABASE", "d", "CITADEL_DATABASE_USER", "u",
        "CITADEL_CONFIG", "/etc/citadel.yaml", "CITADEL_TESTKIT_MODE", "embedded",
        "CITADEL_TEST_POSTGRES_HOST", "pg", "CITADEL_TEST_REDIS_PASSWORD", "x", "CITADEL", "x", "CITADELX_Y", "z"));
    // What Kubernetes sets in every pod for a service named "citadel": not ours.
    env.putAll(Map.of("CITADEL_SERVICE_HOST", "10.0.0.7", "CITADEL_PORT_5432_TCP_ADDR", "10.0.0.7",
        "CITADEL_PORT", "tcp://10.0.0.7:5432"));
    assertThat(CitadelConfig.loader().environment(env).load().database().database()).isEqualTo("d");
  }

  @Test
  void aVariableOfASectionWhoseModuleIsMissingNamesTheJar() {
    assertThatThrownBy(() -> CitadelConfig.loader().environment(Map.of("CITADEL_REDIS_HOST", "cache")).load())
        .isInstanceOf(ConfigException.class)
        .hasMessage("redis: section 'redis' is read by citadel-client-cache, which is not on the class path"
            + " (in environment variable CITADEL_REDIS_HOST)");
    assertThatThrownBy(() -> CitadelConfig.loader().environment(Map.of("CITADEL_QDRANT_API_KEY", "k3y")).load())
        .isInstanceOf(ConfigException.class)
        .hasMessage("qdrant: section 'qdrant' is read by citadel-client-vector, which is not on the class path"
            + " (in environment variable CITADEL_QDRANT_API_KEY)");
  }

  @Test
  void aMisspeltSectionIsReportedWithASuggestion() {
    assertThatThrownBy(() -> load("databse:\n  database: d\n  user: u\n", Map.of()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("databse"))
        .hasMessage("databse: unknown configuration key in test.yaml: databse (did you mean database?)");
    assertThatThrownBy(() -> load("database: {database: d, user: u, pol: {max_connections: 3}}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("database.pol (did you mean database.pool?)");
    assertThatThrownBy(() -> load("reds: {host: h}", Map.of()))
        .as("a section of a module that is not on the class path is still a suggestion")
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("reds (did you mean redis?)");
    assertThatThrownBy(() -> load("database: 5", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("database (a section: write its keys under it)");
  }

  @Test
  void aMissingConfigFileSaysSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    java.nio.file.Path missing = dir.resolve("y.yaml");
    assertThatThrownBy(() -> CitadelConfig.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessage("(file): config file " + missing + " does not exist");
    assertThatThrownBy(() -> CitadelConfig.loader().environment(Map.of()).file(missing).load())
        .isInstanceOf(ConfigException.class)
        .hasMessage("(file): config file " + missing + " does not exist");
    assertThatThrownBy(() -> CitadelConfig.loader().file(java.nio.file.Path.of("no-such-dir", "y.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("config file no-such-dir/y.yaml (")
        .hasMessageContaining(java.nio.file.Path.of("no-such-dir", "y.yaml").toAbsolutePath() + ") does not exist");
    assertThatThrownBy(() -> CitadelConfig.load(dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage("(file): config file " + dir + " is a directory, not a YAML file");
  }
}
