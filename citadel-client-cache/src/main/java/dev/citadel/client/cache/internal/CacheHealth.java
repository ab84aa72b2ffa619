package dev.citadel.client.cache.internal;

import dev.citadel.client.cache.Slot;
import dev.citadel.client.cache.config.RedisConfig;
import dev.citadel.client.health.HealthCheck;
import dev.citadel.client.health.HealthStatus;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The Redis part of a health report: {@code redis.ping} (every server answers, version, breaker
 * state), {@code redis.roundtrip} (a probe key written, read back and deleted in slot 7),
 * {@code redis.memory} ({@code used_memory} against {@code maxmemory}: DOWN above 90 %, or when the
 * server's {@code maxmemory} / {@code maxmemory-policy} differ from {@code redis.cache.max_memory} /
 * {@code eviction_policy}) and {@code redis.eviction} (whether the policy can drop queued jobs or
 * end held locks early; see {@link #eviction}). One attempt per check, no retries and no breaker:
 * a report is quick, reflects the server as it is, and never throws.
 */
public final class CacheHealth {
  /** Memory use above this fraction of {@code maxmemory} is DOWN (seed 004's critical level). */
  static final double CRITICAL_MEMORY = 0.90;

  private CacheHealth() {}

  public static List<HealthCheck> check(RedisBackend backend) {
    List<HealthCheck> checks = new ArrayList<>();
    long start = System.nanoTime();
    List<RedisConnections.Node> nodes;
    List<Map<String, String>> servers = new ArrayList<>();
    try {
      nodes = backend.connections().nodes();
      for (RedisConnections.Node node : nodes) {
        long t = System.nanoTime();
        String pong = node.commands().ping();
        if (!"PONG".equalsIgnoreCase(pong)) {
          throw new IllegalStateException(node.address() + " answered PING with " + pong);
        }
        Map<String, String> info = info(node.commands().info("server"));
        info.put("address", node.address());
        info.put("latency_ms", String.valueOf(millis(System.nanoTime() - t)));
        servers.add(info);
      }
    } catch (RuntimeException e) {
      Duration took = since(start);
      String why = "unreachable (" + backend.connections().description() + "): " + describe(e);
      checks.add(HealthCheck.down("redis.ping", why, took));
      checks.add(HealthCheck.down("redis.roundtrip", "skipped: Redis is unreachable", Duration.ZERO));
      checks.add(HealthCheck.down("redis.memory", "skipped: Redis is unreachable", Duration.ZERO));
      checks.add(HealthCheck.down("redis.eviction", "skipped: Redis is unreachable", Duration.ZERO));
      return checks;
    }
    Map<String, Object> attrs = new LinkedHashMap<>();
    Map<String, String> first = servers.get(0);
    attrs.put("version", first.get("redis_version"));
    attrs.put("mode", first.get("redis_mode"));
    attrs.put("nodes", servers.stream().map(s -> s.get("address")).toList());
    attrs.put("latency_ms", servers.stream().mapToLong(s -> Long.parseLong(s.get("latency_ms"))).max().orElse(0));
    attrs.put("breaker", backend.policy().breakerState().name());
    checks.add(HealthCheck.up("redis.ping",
        "Redis " + first.get("redis_version") + " " + first.get("redis_mode") + ", "
            + servers.size() + " server(s), breaker " + backend.policy().breakerState(),
        attrs, since(start)));
    checks.add(roundTrip(backend));
    long memoryStart = System.nanoTime();
    Map<String, Map<String, String>> memory = new LinkedHashMap<>();
    try {
      for (RedisConnections.Node node : nodes) {
        memory.put(node.address(), info(node.commands().info("memory")));
      }
    } catch (RuntimeException e) {
      checks.add(HealthCheck.down("redis.memory", describe(e), since(memoryStart)));
      checks.add(HealthCheck.down("redis.eviction", "skipped: INFO memory failed", Duration.ZERO));
      return checks;
    }
    checks.add(memory(backend.config(), memory, memoryStart));
    checks.add(eviction(memory));
    return checks;
  }

  private static HealthCheck roundTrip(RedisBackend backend) {
    long start = System.nanoTime();
    String key = backend.keys().metric("health", backend.clientName() + "-" + UUID.randomUUID());
    byte[] probe = Bytes.of(UUID.randomUUID().toString());
    try {
      RedisClusterCommands<String, byte[]> redis = backend.connections().commands(Slot.METRICS);
      redis.set(key, probe, SetArgs.Builder.px(10_000));
      byte[] read = redis.get(key);
      redis.del(key);
      if (!Arrays.equals(probe, read)) {
        return HealthCheck.down("redis.roundtrip", "read back a different value than written to "
            + key, since(start));
      }
      Duration took = since(start);
      Map<String, Object> attrs = new LinkedHashMap<>();
      attrs.put("database", backend.connections().database(Slot.METRICS));
      attrs.put("latency_ms", took.toMillis());
      return HealthCheck.up("redis.roundtrip", "SET/GET/DEL in " + took.toMillis() + " ms", attrs, took);
    } catch (RuntimeException e) {
      return HealthCheck.down("redis.roundtrip", describe(e), since(start));
    }
  }

  private static HealthCheck memory(RedisConfig config, Map<String, Map<String, String>> nodes, long start) {
    try {
      List<String> problems = new ArrayList<>();
      long used = 0;
      long max = 0;
      String policy = null;
      double worst = 0;
      for (Map.Entry<String, Map<String, String>> node : nodes.entrySet()) {
        String address = node.getKey();
        Map<String, String> info = node.getValue();
        long nodeUsed = Long.parseLong(info.getOrDefault("used_memory", "0"));
        long nodeMax = Long.parseLong(info.getOrDefault("maxmemory", "0"));
        String nodePolicy = info.get("maxmemory_policy");
        used += nodeUsed;
        max += nodeMax;
        policy = nodePolicy;
        if (nodeMax > 0) {
          worst = Math.max(worst, (double) nodeUsed / nodeMax);
        }
        if (config.cache().maxMemoryBytes().isPresent() && config.cache().maxMemoryBytes().getAsLong() != nodeMax) {
          problems.add(address + " maxmemory is " + nodeMax + " bytes, redis.cache.max_memory says "
              + config.cache().maxMemory());
        }
        if (config.cache().evictionPolicy() != null && nodePolicy != null
            && !config.cache().evictionPolicy().equalsIgnoreCase(nodePolicy)) {
          problems.add(address + " maxmemory-policy is " + nodePolicy
              + ", redis.cache.eviction_policy says " + config.cache().evictionPolicy());
        }
      }
      if (worst > CRITICAL_MEMORY) {
        problems.add(0, String.format(Locale.ROOT, "memory use at %.1f%% of maxmemory (critical above %.0f%%)",
            worst * 100, CRITICAL_MEMORY * 100));
      }
      Map<String, Object> attrs = new LinkedHashMap<>();
      attrs.put("used_bytes", used);
      attrs.put("max_bytes", max);
      attrs.put("usage_percent", max == 0 ? null : Math.round(worst * 1000) / 10.0);
      attrs.put("policy", policy);
      String summary = "used " + human(used) + (max == 0 ? " (no maxmemory)" : " of " + human(max))
          + ", policy " + policy;
      Duration took = since(start);
      return problems.isEmpty()
          ? HealthCheck.up("redis.memory", summary, attrs, took)
          : new HealthCheck("redis.memory", HealthStatus.DOWN,
              String.join("; ", problems), attrs, took);
    } catch (RuntimeException e) {
      return HealthCheck.down("redis.memory", describe(e), since(start));
    }
  }

  /**
   * Whether Redis may evict keys the stores need to keep: with {@code maxmemory} set, an
   * {@code allkeys-*} policy drops keys without a TTL (queued jobs) and is DOWN; a
   * {@code volatile-*} policy keeps those but may end a held lock (a key with a TTL) early, which
   * is UP with that said; {@code noeviction} or no {@code maxmemory} evicts nothing.
   */
  private static HealthCheck eviction(Map<String, Map<String, String>> nodes) {
    long start = System.nanoTime();
    List<String> allKeys = new ArrayList<>();
    List<String> withTtl = new ArrayList<>();
    Map<String, Object> attrs = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, String>> node : nodes.entrySet()) {
      String policy = node.getValue().getOrDefault("maxmemory_policy", "noeviction");
      long max = Long.parseLong(node.getValue().getOrDefault("maxmemory", "0"));
      attrs.put(node.getKey(), max == 0 ? "no maxmemory" : policy);
      if (max == 0 || policy.equalsIgnoreCase("noeviction")) {
        continue;
      }
      String where = node.getKey() + " maxmemory-policy " + policy;
      if (policy.toLowerCase(Locale.ROOT).startsWith("allkeys-")) {
        allKeys.add(where);
      } else {
        withTtl.add(where);
      }
    }
    if (!allKeys.isEmpty()) {
      return new HealthCheck("redis.eviction", HealthStatus.DOWN, String.join(", ", allKeys)
          + " evicts keys without a TTL when memory is full: queued jobs (slot 2) can be lost and"
          + " held locks (slot 6) end early; use noeviction, or volatile-* to keep queued jobs,"
          + " or a server without maxmemory for queues and locks", attrs, since(start));
    }
    if (!withTtl.isEmpty()) {
      return HealthCheck.up("redis.eviction", String.join(", ", withTtl)
          + " keeps keys without a TTL; a held lock (a key with a TTL) can be evicted before its"
          + " lease ends when memory is full (fencing tokens still increase); noeviction keeps"
          + " leases whole", attrs, since(start));
    }
    return HealthCheck.up("redis.eviction", "no key is evicted (noeviction or no maxmemory)", attrs,
        since(start));
  }

  static Map<String, String> info(String text) {
    Map<String, String> out = new HashMap<>();
    for (String line : text.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) {
        out.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    return out;
  }

  private static String human(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
    if (bytes >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
    return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
  }

  private static String describe(Throwable e) {
    return RedisFailures.describe(e);
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
