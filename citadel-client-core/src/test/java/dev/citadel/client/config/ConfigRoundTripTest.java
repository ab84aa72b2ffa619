package dev.citadel.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigRoundTripTest {

  private static final String SECRET = "Sup3r-Secret-Value";

  static CitadelConfig fullyCustomised() {
    DatabaseConfig db = DatabaseConfig.builder()
        .host("pooler.internal").port(6432).directHost("pg.internal").directPort(5433)
        .database("citadel").user("app").password(SECRET).applicationName("svc")
        .statementTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(3))
        .socketTimeout(Duration.ofSeconds(12))
        .tls(TlsOptions.builder().mode(TlsMode.VERIFY_FULL).caFile("/etc/ca.pem").build()).transactionPooler(true)
        .pool(PoolConfig.builder().minConnections(2).maxConnections(7)
            .waitTimeout(Duration.ofSeconds(4)).idleTimeout(Duration.ofMinutes(2))
            .maxLifetime(Duration.ofMinutes(9)).build())
        .directPool(PoolConfig.builder().minConnections(0).maxConnections(3).build())
        .includeDefaultModels(false).addModel("gpt-x", "gptx").addModel("mixtral")
        .metadataSchema("meta")
        .migrations(MigrationConfig.builder().runOnStart(true).addLocation("classpath:db/app")
            .historySchema("ops").table("hist").appTable("app_hist").build())
        .transactionMaxAttempts(4)
        .hosts(java.util.List.of("pooler-a.internal", "pooler-b.internal:6433"))
        .readHosts(java.util.List.of("replica-1.internal:5432"))
        .replicaWaitTimeout(Duration.ofMillis(700))
        .build();
    AuditConfig audit = AuditConfig.builder().bufferCapacity(100).batchSize(10)
        .flushInterval(Duration.ofMillis(50)).overflowPolicy(AuditOverflowPolicy.FAIL)
        .overflowTimeout(Duration.ofSeconds(1)).flushTimeout(Duration.ofSeconds(2)).maxDetailsBytes(1000)
        .chainId("chain-a").spillDirectory(Path.of("/var/spill")).spillMaxMegabytes(7)
        .partitionMonthsAhead(2).retentionMonths(12).retentionAction(AuditRetentionAction.DROP)
        .maintenanceInterval(Duration.ofMinutes(30)).build();
    AuthConfig auth = AuthConfig.builder().keyPepper(SECRET + SECRET).cacheTtl(Duration.ofSeconds(7))
        .negativeCacheTtl(Duration.ofSeconds(2)).usageFlushInterval(Duration.ofSeconds(3)).build();
    ResilienceConfig resilience = ResilienceConfig.builder().maxAttempts(4)
        .initialDelay(Duration.ofMillis(20)).maxDelay(Duration.ofSeconds(1)).jitter(0.1)
        .maxRetryDuration(Duration.ofSeconds(9)).failureThreshold(7)
        .breakerDelay(Duration.ofSeconds(3)).successThreshold(3).build();
    return CitadelConfig.builder().clientName("svc-a").database(db).audit(audit).auth(auth)
        .resilience(resilience).section(dev.citadel.client.RecordingSection.Settings.of("rec", 9)).build();
  }

  @Test
  void toBuilderRoundTripsEveryField() {
    CitadelConfig config = fullyCustomised();
    assertThat(config.toBuilder().build()).isEqualTo(config);
    assertThat(config.database().toBuilder().build()).isEqualTo(config.database());
    assertThat(config.database().pool().toBuilder().build()).isEqualTo(config.database().pool());
    assertThat(config.database().migrations().toBuilder().build()).isEqualTo(config.database().migrations());
    assertThat(config.database().tls().toBuilder().build()).isEqualTo(config.database().tls());
    assertThat(config.audit().toBuilder().build()).isEqualTo(config.audit());
    assertThat(config.auth().toBuilder().build()).isEqualTo(config.auth());
    assertThat(config.resilience().toBuilder().build()).isEqualTo(config.resilience());
    // Every field differs from its default, so a field that toBuilder() forgot shows as a difference.
    assertThat(config.database()).isNotEqualTo(config.database().toBuilder().tls(DatabaseConfig.DEFAULT_TLS).build());
    assertThat(config.audit()).isNotEqualTo(AuditConfig.builder().build());
    assertThat(config.auth()).isNotEqualTo(AuthConfig.builder().build());
    assertThat(config.toBuilder().removeSection(dev.citadel.client.RecordingSection.Settings.class).build())
        .isNotEqualTo(config);
  }

  @Test
  void passwordsAreMaskedInToString() {
    CitadelConfig config = fullyCustomised();
    assertThat(config.toString()).doesNotContain(SECRET).contains("******");
    assertThat(config.database().toString()).doesNotContain(SECRET);
    assertThat(config.auth().toString()).doesNotContain(SECRET);
    assertThat(Secret.of(SECRET).toString()).isEqualTo("******");
    assertThat(Secret.empty().toString()).isEqualTo("(none)");
  }

  @Test
  void passwordNeverAppearsInConfigErrors() {
    String yaml = "database: {database: d, user: u, password: '" + SECRET + "', port: nope}";
    assertThatThrownBy(() -> CitadelConfig.loader().yaml(yaml, "t").environment(Map.of()).load())
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(e.toString()).doesNotContain(SECRET));
    // A password that is a list is malformed; the message must still not echo it.
    String listPassword = "database: {database: d, user: u, password: ['" + SECRET + "']}";
    assertThatThrownBy(() -> CitadelConfig.loader().yaml(listPassword, "t").environment(Map.of()).load())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("database.password: must be a single value")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  @Test
  void builtConfigsAreImmutable() {
    CitadelConfig config = fullyCustomised();
    assertThatThrownBy(() -> config.database().models().put("x", "x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> config.database().migrations().locations().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void directPoolNeedsTwoConnectionsForMigrations() {
    assertThatThrownBy(() -> DatabaseConfig.builder().database("d").user("u")
        .directPool(PoolConfig.builder().minConnections(0).maxConnections(1).build()).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("database.direct_pool.max_connections: must be at least 2");
  }
}
