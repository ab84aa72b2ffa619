package dev.citadel.client.cache.internal;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A server-side script run with {@code EVALSHA}, falling back to {@code EVAL} when the server
 * does not have it cached ({@code NOSCRIPT}: after a restart, a failover, or on a cluster node
 * that never ran it). Every script declares the keys it touches in {@code KEYS} except where its
 * store says otherwise; all keys of one call share a hash slot (see {@link KeySpace}).
 */
public final class LuaScript {
  private final String source;
  private final String sha;

  public LuaScript(String source) {
    this.source = source;
    try {
      this.sha = HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
  }

  public <T> T run(RedisClusterCommands<String, byte[]> redis, ScriptOutputType type, String[] keys,
      byte[]... args) {
    try {
      return redis.evalsha(sha, type, keys, args);
    } catch (RedisNoScriptException e) {
      return redis.eval(source, type, keys, args);
    }
  }
}
