package dev.citadel.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditConfigTest {

  private static final String YAML = String.join("\n",
      "audit:",
      "  buffer_capacity: 20000",
      "  batch_size: 1000",
      "  flush_interval: 50ms",
      "  overflow_policy: fail",
      "  overflow_timeout: 2s",
      "  flush_timeout: 1m",
      "  max_details_bytes: 4096",
      "  chain_id: node-a.1",
      "  spill:",
      "    directory: /var/lib/citadel/audit",
      "    max_size_mb: 256",
      "  partitions:",
      "    months_ahead: 6",
      "    retention_months: 13",
      "    retention_action: drop",
      "    maintenance_interval: 30m");

  @Test
  void everyKeyLoadsFromYamlInSnakeCase() {
    AuditConfig audit = CitadelConfig.loader().yaml(YAML, "test.yaml").environment(Map.of()).load().audit();
    assertThat(audit).isEqualTo(AuditConfig.builder().bufferCapacity(20_000).batchSize(1_000)
        .flushInterval(Duration.ofMillis(50)).overflowPolicy(AuditOverflowPolicy.FAIL)
        .overflowTimeout(Duration.ofSeconds(2)).flushTimeout(Duration.ofMinutes(1)).maxDetailsBytes(4096)
        .chainId("node-a.1").spillDirectory(Path.of("/var/lib/citadel/audit")).spillMaxMegabytes(256)
        .partitionMonthsAhead(6).retentionMonths(13).retentionAction(AuditRetentionAction.DROP)
        .maintenanceInterval(Duration.ofMinutes(30)).build());
  }

  @Test
  void toBuilderRoundTripsEveryField() {
    AuditConfig audit = CitadelConfig.loader().yaml(YAML, "test.yaml").environment(Map.of()).load().audit();
    assertThat(audit.toBuilder().build()).isEqualTo(audit);
    CitadelConfig root = CitadelConfig.builder().audit(audit).build();
    assertThat(root.toBuilder().build().audit()).isEqualTo(audit);
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    AuditConfig audit = CitadelConfig.loader().environment(Map.of()).load().audit();
    assertThat(audit.bufferCapacity()).isEqualTo(10_000);
    assertThat(audit.batchSize()).isEqualTo(500);
    assertThat(audit.flushInterval()).isEqualTo(Duration.ofMillis(200));
    assertThat(audit.overflowPolicy()).isEqualTo(AuditOverflowPolicy.BLOCK);
    assertThat(audit.overflowTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(audit.flushTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(audit.maxDetailsBytes()).isEqualTo(65_536);
    assertThat(audit.chainId()).isEqualTo("main");
    assertThat(audit.spillDirectory()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"),
        "citadel-audit-" + System.getProperty("user.name").replaceAll("[^A-Za-z0-9._-]", "_")));
    assertThat(audit.spillMaxMegabytes()).isEqualTo(1024);
    assertThat(audit.spillEnabled()).isTrue();
    assertThat(audit.partitionMonthsAhead()).isEqualTo(3);
    assertThat(audit.retentionMonths()).isZero();
    assertThat(audit.retentionAction()).isEqualTo(AuditRetentionAction.DETACH);
    assertThat(audit.maintenanceInterval()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void environmentVariablesOverrideTheFile() {
    AuditConfig audit = CitadelConfig.loader().yaml(YAML, "test.yaml")
        .environment(Map.of("CITADEL_AUDIT_SPILL_MAX_SIZE_MB", "0", "CITADEL_AUDIT_CHAIN_ID", "node-b"))
        .load().audit();
    assertThat(audit.spillMaxMegabytes()).isZero();
    assertThat(audit.spillEnabled()).isFalse();
    assertThat(audit.chainId()).isEqualTo("node-b");
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> load("audit: {overflow_policy: drop}"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("audit.overflow_policy"))
        .hasMessageContaining("must be block or fail");
    assertThatThrownBy(() -> load("audit: {partitions: {retention_action: archive}}"))
        .isInstanceOfSatisfying(ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("audit.partitions.retention_action"));
    assertThatThrownBy(() -> load("audit: {buffer_capacity: 100, batch_size: 200}"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("audit.batch_size"))
        .hasMessageContaining("must not exceed audit.buffer_capacity");
    assertThatThrownBy(() -> load("audit: {chain_id: 'a/b'}"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("audit.chain_id"));
    assertThatThrownBy(() -> load("audit: {spill: {max_size_mb: -1}}"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("audit.spill.max_size_mb"));
    assertThatThrownBy(() -> load("audit: {flush_intervall: 1s}"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage()).contains("did you mean audit.flush_interval?"));
  }

  private static final String KEY_1 = "k1-material-0123456789abcdefghijklmnopqrstuvwxyz";
  private static final String KEY_0 = "k0-material-ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210";

  @Test
  void chainKeysAndAnchorsLoadFromYamlAndEnvironmentAndNeverShowTheirMaterial() {
    CitadelConfig config = CitadelConfig.loader()
        .yaml("audit: {chain_key: {id: k1}, anchor: {file: /srv/anchors/main.anchor, interval: 30s}}", "t")
        .environment(Map.of("CITADEL_AUDIT_CHAIN_KEY_SECRET", KEY_1,
            "CITADEL_AUDIT_CHAIN_KEY_RETIRED", "k0=" + KEY_0))
        .load();
    AuditConfig audit = config.audit();
    assertThat(audit.chainKey()).hasValueSatisfying(k -> {
      assertThat(k.id()).isEqualTo("k1");
      assertThat(k.secret().reveal()).isEqualTo(KEY_1);
    });
    assertThat(audit.retiredKeys()).extracting(AuditChainKey::id).containsExactly("k0");
    assertThat(audit.verificationKeys()).extracting(AuditChainKey::id).containsExactly("k1", "k0");
    assertThat(audit.anchorFile()).contains(Path.of("/srv/anchors/main.anchor"));
    assertThat(audit.anchorInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(audit.toBuilder().build()).isEqualTo(audit);
    assertThat(config.toString()).contains("k1").doesNotContain(KEY_1).doesNotContain(KEY_0)
        .doesNotContain(KEY_1.substring(0, 12)).doesNotContain(KEY_0.substring(0, 12));
  }

  @Test
  void theUnkeyedChainStaysTheDefault() {
    AuditConfig audit = CitadelConfig.loader().environment(Map.of()).load().audit();
    assertThat(audit.chainKey()).isEmpty();
    assertThat(audit.retiredKeys()).isEmpty();
    assertThat(audit.anchorFile()).isEmpty();
    assertThat(audit.anchorInterval()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void badChainKeysNameTheirKeyWithoutTheMaterial() {
    String shortSecret = "too-short-secret-material";
    assertThatThrownBy(() -> load("audit: {chain_key: {id: k1, secret: '" + shortSecret + "'}}"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("audit.chain_key.secret"))
        .hasMessageContaining("shorter than 32 bytes").message().doesNotContain(shortSecret).doesNotContain("too-short");
    assertThatThrownBy(() -> load("audit: {chain_key: {secret: '" + KEY_1 + "'}}"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("audit.chain_key.id"))
        .message().doesNotContain(KEY_1);
    assertThatThrownBy(() -> load("audit: {chain_key: {id: k1}}"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("audit.chain_key.secret"));
    assertThatThrownBy(() -> load("audit: {chain_key: {id: 'k/1', secret: '" + KEY_1 + "'}}"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("audit.chain_key.id"));
    assertThatThrownBy(() -> load("audit: {chain_key: {id: k1, secret: '" + KEY_1 + "', retired: '" + KEY_0 + "'}}"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("audit.chain_key.retired"))
        .hasMessageContaining("id=secret").message().doesNotContain(KEY_0).doesNotContain(KEY_1);
    assertThatThrownBy(() -> load("audit: {chain_key: {id: k1, secret: '" + KEY_1 + "', retired: 'k1=" + KEY_0 + "'}}"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("audit.chain_key.retired"))
        .hasMessageContaining("'k1' twice").message().doesNotContain(KEY_0);
    assertThatThrownBy(() -> load("audit: {chain_key: {retired: 'k0=" + KEY_0 + "'}}"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("audit.chain_key.retired"))
        .hasMessageContaining("needs a current key");
    assertThatThrownBy(() -> load("audit: {anchor: {file: /srv/a.anchor}}"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("audit.anchor.file"))
        .hasMessageContaining("anchors are keyed");
    assertThatThrownBy(() -> load("audit: {anchor: {interval: 0s}}"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("audit.anchor.interval"));
  }

  private static CitadelConfig load(String yaml) {
    return CitadelConfig.loader().yaml(yaml, "t").environment(Map.of()).load();
  }
}
