package dev.citadel.client.vector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.ConfigException;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.TlsMode;
import dev.citadel.client.config.TlsOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The qdrant section: keys, defaults, environment, validation, masking, round trip. */
class QdrantConfigTest {

  @Test
  void everyKeyLoadsFromYaml() {
    QdrantConfig q = CitadelConfig.loader().environment(Map.of()).yaml("""
        qdrant:
          host: qdrant.example.internal
          port: 7334
          api_key: ${QKEY}
          tls: {mode: verify-full, ca_file: /etc/citadel/ca.pem}
          call_timeout: 2500ms
          upsert: {batch_size: 128, parallelism: 4}
          collections: {shard_number: 3, replication_factor: 2, write_consistency_factor: 2}
          sync: {batch_size: 50, interval: 5s, max_attempts: 7, retention: 2d, text_search_config: german}
        """.replace("${QKEY}", "k3y"), "test.yaml").load().section(QdrantConfig.class).orElseThrow();

    assertThat(q).isEqualTo(QdrantConfig.builder().host("qdrant.example.internal").port(7334).apiKey("k3y")
        .tls(TlsOptions.builder().mode(TlsMode.VERIFY_FULL).caFile("/etc/citadel/ca.pem").build())
        .callTimeout(Duration.ofMillis(2500)).upsertBatchSize(128).upsertParallelism(4)
        .shardNumber(3).replicationFactor(2).writeConsistencyFactor(2).syncBatchSize(50)
        .syncInterval(Duration.ofSeconds(5)).syncMaxAttempts(7).syncRetention(Duration.ofDays(2))
        .syncTextSearchConfig("german").build());
  }

  @Test
  void defaultsAreDocumentedConstants() {
    QdrantConfig q = QdrantConfig.builder().build();
    assertThat(q.host()).isEqualTo("localhost");
    assertThat(q.port()).isEqualTo(QdrantConfig.DEFAULT_PORT).isEqualTo(6334);
    assertThat(q.callTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(q.upsertBatchSize()).isEqualTo(256);
    assertThat(q.upsertParallelism()).isEqualTo(2);
    assertThat(q.shardNumber()).isEqualTo(1);
    assertThat(q.replicationFactor()).isEqualTo(1);
    assertThat(q.writeConsistencyFactor()).isEqualTo(1);
    assertThat(q.sync().batchSize()).isEqualTo(100);
    assertThat(q.sync().interval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(q.sync().maxAttempts()).isEqualTo(10);
    assertThat(q.sync().retention()).isEqualTo(SyncOptions.DEFAULT_RETENTION).isEqualTo(Duration.ofDays(7));
    assertThat(q.sync().textSearchConfig()).isEqualTo(SyncOptions.DEFAULT_TEXT_SEARCH_CONFIG).isEqualTo("english");
    assertThat(q.tls().enabled()).isFalse();
    assertThat(q.tls().caFile()).isNull();
    assertThat(q.apiKey().isEmpty()).isTrue();
  }

  @Test
  void environmentVariablesOverrideTheFile() {
    QdrantConfig q = CitadelConfig.loader().environment(Map.of("QDRANT_HOST", "from-env", "QDRANT_API_KEY", "env-key",
        "CITADEL_QDRANT_UPSERT_BATCH_SIZE", "64")).yaml("qdrant: {host: from-file}", "t").load().section(QdrantConfig.class).orElseThrow();
    assertThat(q.host()).isEqualTo("from-env");
    assertThat(q.apiKey().reveal()).isEqualTo("env-key");
    assertThat(q.upsertBatchSize()).isEqualTo(64);
  }

  @Test
  void toBuilderRoundTripsEveryField() {
    QdrantConfig q = QdrantConfig.builder().host("h").port(1).apiKey("k")
        .tls(TlsOptions.builder().mode(TlsMode.VERIFY_FULL).caFile("/ca.pem").build()).callTimeout(Duration.ofSeconds(3)).upsertBatchSize(9).upsertParallelism(5).shardNumber(4).replicationFactor(3)
        .writeConsistencyFactor(2).syncBatchSize(8).syncInterval(Duration.ofMillis(700)).syncMaxAttempts(6)
        .syncRetention(Duration.ofHours(5)).syncTextSearchConfig("simple").build();
    assertThat(q.toBuilder().build()).isEqualTo(q);
    assertThat(q.toBuilder().syncTextSearchConfig("french").build()).isNotEqualTo(q);
    assertThat(q).isNotEqualTo(QdrantConfig.builder().build());
    assertThat(q.toBuilder().syncMaxAttempts(7).build()).isNotEqualTo(q);
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> QdrantConfig.builder().replicationFactor(1).writeConsistencyFactor(2).build())
        .isInstanceOfSatisfying(ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("qdrant.collections.write_consistency_factor"));
    assertThatThrownBy(() -> QdrantConfig.builder().tls(TlsOptions.builder().caFile("/ca.pem").build()).build())
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("qdrant.tls.ca_file"));
    assertThatThrownBy(() -> QdrantConfig.builder().tls(TlsMode.REQUIRE).build())
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("qdrant.tls.mode"));
    assertThatThrownBy(() -> QdrantConfig.builder().upsertBatchSize(0).build())
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("qdrant.upsert.batch_size"));
    assertThatThrownBy(() -> QdrantConfig.builder().upsertParallelism(65).build())
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("qdrant.upsert.parallelism"));
    assertThatThrownBy(() -> QdrantConfig.builder().callTimeout(Duration.ZERO).build())
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("qdrant.call_timeout"));
    assertThatThrownBy(() -> QdrantConfig.builder().syncTextSearchConfig("english; drop table x").build())
        .isInstanceOfSatisfying(ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("qdrant.sync.text_search_config"));
    assertThatThrownBy(() -> CitadelConfig.loader().environment(Map.of())
        .yaml("qdrant: {upsert: {batch_sise: 3}}", "t").load())
        .isInstanceOf(ConfigException.class).hasMessageContaining("did you mean qdrant.upsert.batch_size");
  }

  @Test
  void theApiKeyIsMasked() {
    QdrantConfig q = QdrantConfig.builder().apiKey("super-secret-key").build();
    assertThat(q.toString()).doesNotContain("super-secret-key");
    assertThat(CitadelConfig.builder().section(q).build().toString()).doesNotContain("super-secret-key");
    assertThatThrownBy(() -> CitadelConfig.loader().environment(Map.of()).yaml("qdrant: {api_key: [a, b]}", "t").load())
        .isInstanceOf(ConfigException.class).hasMessageNotContaining("[a, b]");
  }
}
