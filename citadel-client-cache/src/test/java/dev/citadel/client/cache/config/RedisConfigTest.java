package dev.citadel.client.cache.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.ConfigException;
import dev.citadel.client.cache.internal.ByteSizes;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.TlsMode;
import dev.citadel.client.config.TlsOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code redis:} section: keys, defaults, environment names, validation, secrets. */
class RedisConfigTest {
  private static final String SECRET = "Redis-Secret-9f2";

  private static CitadelConfig load(String yaml, Map<String, String> env) {
    return CitadelConfig.loader().yaml(yaml, "test.yaml").environment(env).load();
  }

  @Test
  void theSeedSectionGetsTheDocumentedDefaults() {
    RedisConfig redis = load("""
        redis:
          host: cache.example.internal
          port: 6379
          password: ${REDIS_PASSWORD:-}
          cache: {default_ttl: 3600, max_memory: 1gb, eviction_policy: allkeys-lru}
        """, Map.of()).section(RedisConfig.class).orElseThrow();

    assertThat(redis.mode()).isEqualTo(RedisConfig.Mode.STANDALONE);
    assertThat(redis.effectiveSlotMapping()).isEqualTo(RedisConfig.SlotMapping.DATABASES);
    assertThat(redis.cache().defaultTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(redis.cache().minTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(redis.cache().maxTtl()).isEqualTo(Duration.ofSeconds(86_400));
    assertThat(redis.session().ttl()).isEqualTo(Duration.ofHours(1));
    assertThat(redis.memory().ttl()).isEqualTo(Duration.ofHours(1));
    assertThat(redis.lock().ttl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(redis.metrics().ttl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(redis.cache().maxMemoryBytes()).hasValue(1L << 30);
    assertThat(redis.maxValueSize()).isEqualTo(1 << 20);
    assertThat(redis.tls()).isEqualTo(TlsOptions.disabled());
    assertThat(redis.keyPrefix()).isNull();
  }

  @Test
  void everyKeyLoadsFromYamlAndEnvironmentWins() {
    CitadelConfig config = load("""
        redis:
          mode: cluster
          nodes: ["10.0.0.1:7000", "node-b:7001", "[::1]:7002"]
          user: svc
          password: yaml-password
          tls: {mode: verify-ca, ca_file: /etc/ca.pem}
          client_name: model-server-1
          connect_timeout: 2s
          command_timeout: 750ms
          key_prefix: staging
          slot_mapping: prefixes
          max_value_size: 4mb
          cache: {default_ttl: 10m, min_ttl: 30s, max_ttl: 2h}
          session: {ttl: 2h}
          memory: {ttl: 30m, max_messages: 40}
          queue: {visibility_timeout: 5m, max_attempts: 7}
          lock: {ttl: 45s}
          metrics: {ttl: 10m, bucket: 30s}
        """, Map.of("CITADEL_REDIS_PASSWORD", SECRET, "CITADEL_REDIS_QUEUE_MAX_ATTEMPTS", "9",
        "CITADEL_REDIS_NODES", "a:1,b:2"));
    RedisConfig redis = config.section(RedisConfig.class).orElseThrow();

    assertThat(redis.mode()).isEqualTo(RedisConfig.Mode.CLUSTER);
    assertThat(redis.nodes()).containsExactly("a:1", "b:2");
    assertThat(redis.user()).isEqualTo("svc");
    assertThat(redis.password().reveal()).isEqualTo(SECRET);
    assertThat(redis.tls().mode()).isEqualTo(TlsMode.VERIFY_CA);
    assertThat(redis.tls().caFile()).isEqualTo("/etc/ca.pem");
    assertThat(redis.clientName()).isEqualTo("model-server-1");
    assertThat(redis.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(redis.commandTimeout()).isEqualTo(Duration.ofMillis(750));
    assertThat(redis.keyPrefix()).isEqualTo("staging");
    assertThat(redis.slotMapping()).isEqualTo(RedisConfig.SlotMapping.PREFIXES);
    assertThat(redis.maxValueSize()).isEqualTo(4 * 1024 * 1024);
    assertThat(redis.cache().defaultTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(redis.cache().minTtl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(redis.cache().maxTtl()).isEqualTo(Duration.ofHours(2));
    assertThat(redis.session().ttl()).isEqualTo(Duration.ofHours(2));
    assertThat(redis.memory().ttl()).isEqualTo(Duration.ofMinutes(30));
    assertThat(redis.memory().maxMessages()).isEqualTo(40);
    assertThat(redis.queue().visibilityTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(redis.queue().maxAttempts()).isEqualTo(9);
    assertThat(redis.lock().ttl()).isEqualTo(Duration.ofSeconds(45));
    assertThat(redis.metrics().ttl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(redis.metrics().bucket()).isEqualTo(Duration.ofSeconds(30));
    assertThat(redis.toBuilder().build()).isEqualTo(redis);
    assertThat(config.toString()).doesNotContain(SECRET);
  }

  @Test
  void urlIsASecretAndTurnsOnTlsForRediss() {
    String url = "rediss://svc:" + SECRET + "@cache.internal:6380";
    RedisConfig redis = load("redis: {url: '" + url + "'}", Map.of()).section(RedisConfig.class).orElseThrow();
    assertThat(redis.url().reveal()).isEqualTo(url);
    assertThat(redis.tls().mode()).as("rediss:// without a mode: full checks").isEqualTo(TlsMode.VERIFY_FULL);
    assertThat(redis.toString()).doesNotContain(SECRET);
    assertThat(load("", Map.of("CITADEL_REDIS_URL", "redis-sentinel://s1:26379,s2:26379#mymaster"))
        .section(RedisConfig.class).orElseThrow().url().isEmpty()).isFalse();

    assertThatThrownBy(() -> load("redis: {url: 'http://x:" + SECRET + "@h'}", Map.of()))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.key()).isEqualTo("redis.url");
          assertThat(e.getMessage()).doesNotContain(SECRET);
        });
  }

  @Test
  void inconsistentSettingsNameTheirKey() {
    assertKey("redis: {mode: cluster, slot_mapping: databases}", "redis.slot_mapping");
    assertKey("redis: {mode: sentinel}", "redis.sentinel.master");
    assertKey("redis: {mode: replica}", "redis.mode");
    assertKey("redis: {nodes: [nohostport]}", "redis.nodes[0]");
    assertKey("redis: {nodes: ['h:70000']}", "redis.nodes[0]");
    assertKey("redis: {cache: {default_ttl: 30}}", "redis.cache.default_ttl");
    assertKey("redis: {cache: {min_ttl: 2h, max_ttl: 1h, default_ttl: 1h}}", "redis.cache.min_ttl");
    assertKey("redis: {cache: {max_memory: lots}}", "redis.cache.max_memory");
    assertKey("redis: {max_value_size: 1tb}", "redis.max_value_size");
    assertKey("redis: {key_prefix: 'a:b'}", "redis.key_prefix");
    assertKey("redis: {client_name: 'has space'}", "redis.client_name");
    assertKey("redis: {tls: {mode: maybe}}", "redis.tls.mode");
    assertKey("redis: {tls: {mode: prefer}}", "redis.tls.mode");
    assertKey("redis: {tls: {ca_file: /ca.pem}}", "redis.tls.ca_file");
    assertKey("redis: {memory: {max_messages: 0}}", "redis.memory.max_messages");
    assertKey("redis: {metrics: {bucket: 10m, ttl: 5m}}", "redis.metrics.bucket");
    assertKey("redis: {command_timeout: 10ms}", "redis.command_timeout");
    assertKey("redis: {tls: true}", "redis.tls");
  }

  @Test
  void sentinelModeWithMasterAndClusterDefaultsToPrefixes() {
    RedisConfig sentinel = RedisConfig.builder().mode(RedisConfig.Mode.SENTINEL).sentinelMaster("mymaster")
        .nodes(List.of("s1:26379", "s2:26379")).sentinelPassword(SECRET).build();
    assertThat(sentinel.effectiveSlotMapping()).isEqualTo(RedisConfig.SlotMapping.DATABASES);
    assertThat(sentinel.toString()).doesNotContain(SECRET);
    assertThat(RedisConfig.builder().mode(RedisConfig.Mode.CLUSTER).build().effectiveSlotMapping())
        .isEqualTo(RedisConfig.SlotMapping.PREFIXES);
    assertThat(ByteSizes.parse("k", "512kb")).isEqualTo(512 * 1024);
    assertThat(ByteSizes.parse("k", "100")).isEqualTo(100);
  }

  @Test
  void theSeedLayoutLoadsWithItsRedisSection() {
    RedisConfig redis = load("""
        database: {database: citadel_ai, user: citadel_admin}
        redis:
          host: redis.internal.example
          port: 6379
          password: example-only-secret
          cache: {default_ttl: 3600, max_memory: 1gb, eviction_policy: allkeys-lru}
        """, Map.of()).section(RedisConfig.class).orElseThrow();
    assertThat(redis.host()).isEqualTo("redis.internal.example");
    assertThat(redis.cache().evictionPolicy()).isEqualTo("allkeys-lru");
    assertThat(redis.cache().maxMemory()).isEqualTo("1gb");
  }

  @Test
  void toBuilderRoundTripsEveryField() {
    RedisConfig custom = RedisConfig.builder().host("r").port(6380).url("redis://r2:6381").user("acl")
        .password(SECRET).mode(RedisConfig.Mode.SENTINEL).nodes(List.of("s1:26379")).sentinelMaster("m")
        .sentinelPassword(SECRET).tls(TlsOptions.builder().mode(TlsMode.VERIFY_CA).caFile("/ca.pem").build())
        .clientName("c").connectTimeout(Duration.ofSeconds(2)).commandTimeout(Duration.ofSeconds(3))
        .keyPrefix("p").slotMapping(RedisConfig.SlotMapping.PREFIXES).maxValueSize(1000)
        .defaultTtl(Duration.ofMinutes(3)).minTtl(Duration.ofMinutes(1)).maxTtl(Duration.ofMinutes(9))
        .maxMemory("1gb").evictionPolicy("allkeys-lru").sessionTtl(Duration.ofMinutes(7))
        .memoryTtl(Duration.ofMinutes(8)).memoryMaxMessages(9).queueVisibilityTimeout(Duration.ofSeconds(11))
        .queueMaxAttempts(12).lockTtl(Duration.ofSeconds(13)).metricsTtl(Duration.ofMinutes(14))
        .metricsBucket(Duration.ofSeconds(15)).build();
    assertThat(custom.toBuilder().build()).isEqualTo(custom);
    assertThat(custom).isNotEqualTo(RedisConfig.builder().build());
    assertThat(custom.toString()).doesNotContain(SECRET);
    CitadelConfig root = CitadelConfig.builder().section(custom).build();
    assertThat(root.toBuilder().build().section(RedisConfig.class)).contains(custom);
  }

  private static void assertKey(String yaml, String key) {
    assertThatThrownBy(() -> load(yaml, Map.of()))
        .as(yaml)
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key));
  }
}
