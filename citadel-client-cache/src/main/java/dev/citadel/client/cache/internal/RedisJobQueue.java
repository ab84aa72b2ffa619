package dev.citadel.client.cache.internal;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.cache.Slot;
import dev.citadel.client.cache.ValueCodec;
import dev.citadel.client.cache.queue.Job;
import dev.citadel.client.cache.queue.JobQueue;
import dev.citadel.client.cache.queue.QueueStats;
import io.lettuce.core.LMoveArgs;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link JobQueue} over slot 2: every state change is one script over the queue's keys. Each
 * delivery gets a claim token from the queue's {@code deliveries} counter, which is never reset,
 * and {@code tokens} maps a claimed id to its current token: ack, nack and extend must present
 * it, so a delivery from before a dead-letter retry or from an earlier job with the same id holds
 * nothing (the attempt number restarts in both cases and cannot serve as the token).
 */
public final class RedisJobQueue<T> implements JobQueue<T> {
  private static final int ENQUEUE_BATCH = 500;
  private static final int REAP_LIMIT = 1000;
  private static final long MAX_REAP_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();
  private static final long MAX_SLICE_NANOS = Duration.ofSeconds(1).toNanos();
  private static final long MIN_SLICE_NANOS = Duration.ofMillis(10).toNanos();

  private static final String PRELUDE = """
      local P, R, C, J, A, E, D = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
      local T, N = KEYS[8], KEYS[9]
      local function now_ms()
        local t = redis.call('TIME')
        return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      end
      local function fmt(n) return string.format('%.0f', n) end
      local function register(id, visibility)
        local deadline = now_ms() + visibility
        redis.call('ZADD', C, fmt(deadline), id)
        local attempt = redis.call('HINCRBY', A, id, 1)
        local token = redis.call('INCR', N)
        redis.call('HSET', T, id, token)
        return {id, redis.call('HGET', J, id), attempt, deadline, redis.call('HGET', E, id), token}
      end
      local function holds(id, token)
        return redis.call('HGET', T, id) == token and redis.call('ZSCORE', C, id)
      end
      local function end_claim(id)
        redis.call('ZREM', C, id)
        redis.call('HDEL', T, id)
      end
      """;
  private static final LuaScript ENQUEUE = new LuaScript(PRELUDE + """
      local n = 0
      for i = 1, #ARGV, 2 do
        if redis.call('HSETNX', J, ARGV[i], ARGV[i + 1]) == 1 then
          redis.call('LPUSH', P, ARGV[i])
          n = n + 1
        end
      end
      return n
      """);
  private static final LuaScript CLAIM = new LuaScript(PRELUDE + """
      while true do
        local id = redis.call('LMOVE', P, R, 'RIGHT', 'LEFT')
        if not id then return false end
        if redis.call('HEXISTS', J, id) == 1 then return register(id, tonumber(ARGV[1])) end
        redis.call('LREM', R, 1, id)
      end
      """);
  private static final LuaScript REGISTER = new LuaScript(PRELUDE + """
      if not redis.call('LPOS', R, ARGV[2]) then return false end
      if redis.call('HEXISTS', J, ARGV[2]) == 0 then
        redis.call('LREM', R, 1, ARGV[2])
        return false
      end
      return register(ARGV[2], tonumber(ARGV[1]))
      """);
  private static final LuaScript ACK = new LuaScript(PRELUDE + """
      local id = ARGV[1]
      if not holds(id, ARGV[2]) or redis.call('LREM', R, 1, id) == 0 then return 0 end
      end_claim(id)
      redis.call('HDEL', J, id)
      redis.call('HDEL', A, id)
      redis.call('HDEL', E, id)
      return 1
      """);
  private static final LuaScript NACK = new LuaScript(PRELUDE + """
      local id = ARGV[1]
      if not holds(id, ARGV[2]) or redis.call('LREM', R, 1, id) == 0 then return 0 end
      end_claim(id)
      redis.call('HSET', E, id, ARGV[4])
      if tonumber(redis.call('HGET', A, id) or '0') >= tonumber(ARGV[3]) then
        redis.call('LPUSH', D, id)
        return 2
      end
      redis.call('LPUSH', P, id)
      return 1
      """);
  private static final LuaScript EXTEND = new LuaScript(PRELUDE + """
      if not holds(ARGV[1], ARGV[2]) then return 0 end
      local deadline = now_ms() + tonumber(ARGV[3])
      redis.call('ZADD', C, fmt(deadline), ARGV[1])
      return deadline
      """);
  private static final LuaScript REAP = new LuaScript(PRELUDE + """
      local now = now_ms()
      local moved = 0
      for _, id in ipairs(redis.call('ZRANGEBYSCORE', C, '-inf', fmt(now), 'LIMIT', 0, tonumber(ARGV[3]))) do
        end_claim(id)
        if redis.call('LREM', R, 1, id) > 0 then
          redis.call('HSET', E, id, 'claim expired')
          if tonumber(redis.call('HGET', A, id) or '0') >= tonumber(ARGV[1]) then
            redis.call('LPUSH', D, id)
          else
            redis.call('RPUSH', P, id)
          end
          moved = moved + 1
        end
      end
      for _, id in ipairs(redis.call('LRANGE', R, 0, -1)) do
        if not redis.call('ZSCORE', C, id) then
          redis.call('ZADD', C, fmt(now + tonumber(ARGV[2])), id)
        end
      end
      return moved
      """);
  private static final LuaScript STATS = new LuaScript(PRELUDE + """
      return {redis.call('LLEN', P), redis.call('LLEN', R), redis.call('LLEN', D)}
      """);
  private static final LuaScript DEAD = new LuaScript(PRELUDE + """
      local out = {}
      for _, id in ipairs(redis.call('LRANGE', D, -tonumber(ARGV[1]), -1)) do
        out[#out + 1] = id
        out[#out + 1] = redis.call('HGET', J, id)
        out[#out + 1] = tonumber(redis.call('HGET', A, id) or '0')
        out[#out + 1] = redis.call('HGET', E, id)
      end
      return out
      """);
  private static final LuaScript RETRY_DEAD = new LuaScript(PRELUDE + """
      if redis.call('LREM', D, 1, ARGV[1]) == 0 then return 0 end
      redis.call('HDEL', A, ARGV[1])
      redis.call('HDEL', E, ARGV[1])
      redis.call('HDEL', T, ARGV[1])
      redis.call('LPUSH', P, ARGV[1])
      return 1
      """);
  private static final LuaScript PURGE_DEAD = new LuaScript(PRELUDE + """
      local ids = redis.call('LRANGE', D, 0, -1)
      for _, id in ipairs(ids) do
        redis.call('HDEL', J, id)
        redis.call('HDEL', A, id)
        redis.call('HDEL', E, id)
        redis.call('HDEL', T, id)
      end
      redis.call('DEL', D)
      return #ids
      """);

  private final RedisBackend backend;
  private final ValueCodec<T> codec;
  private final String name;
  private final String[] keys;
  private final byte[] visibilityMillis;
  private final int maxAttempts;
  private final long reapIntervalNanos;
  private final long sliceNanos;
  private final AtomicLong nextReap = new AtomicLong(System.nanoTime());

  public RedisJobQueue(RedisBackend backend, String name, ValueCodec<T> codec) {
    this.backend = backend;
    this.name = Arguments.id("name", name);
    this.codec = Objects.requireNonNull(codec, "codec");
    KeySpace k = backend.keys();
    this.keys = new String[] {
        k.queue(name, "pending"), k.queue(name, "processing"), k.queue(name, "claims"),
        k.queue(name, "jobs"), k.queue(name, "attempts"), k.queue(name, "errors"),
        k.queue(name, "dead"), k.queue(name, "tokens"), k.queue(name, "deliveries")};
    Duration visibility = backend.config().queue().visibilityTimeout();
    this.visibilityMillis = Bytes.of(visibility.toMillis());
    this.maxAttempts = backend.config().queue().maxAttempts();
    this.reapIntervalNanos = Math.min(MAX_REAP_INTERVAL_NANOS, visibility.toNanos() / 2);
    // A blocked BLMOVE must end well before the command timeout, or Lettuce would cancel it.
    this.sliceNanos = Math.min(MAX_SLICE_NANOS, backend.config().commandTimeout().toNanos() / 2);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String enqueue(T payload) {
    String id = UUID.randomUUID().toString();
    enqueue(id, payload);
    return id;
  }

  @Override
  public boolean enqueue(String jobId, T payload) {
    Arguments.id("jobId", jobId);
    byte[] bytes = backend.encode("payload", codec, payload);
    // Idempotent: HSETNX on the id makes a repeated enqueue a no-op.
    return backend.call("queue.enqueue", Slot.QUEUES, true,
        r -> ENQUEUE.<Long>run(r, ScriptOutputType.INTEGER, keys, Bytes.of(jobId), bytes)) == 1;
  }

  @Override
  public List<String> enqueueAll(List<? extends T> payloads) {
    List<String> ids = new ArrayList<>(payloads.size());
    List<byte[]> args = new ArrayList<>();
    for (T payload : payloads) {
      String id = UUID.randomUUID().toString();
      ids.add(id);
      args.add(Bytes.of(id));
      args.add(backend.encode("payload", codec, payload));
    }
    for (int from = 0; from < args.size(); from += 2 * ENQUEUE_BATCH) {
      byte[][] batch = args.subList(from, Math.min(args.size(), from + 2 * ENQUEUE_BATCH))
          .toArray(byte[][]::new);
      backend.call("queue.enqueue", Slot.QUEUES, true,
          r -> ENQUEUE.<Long>run(r, ScriptOutputType.INTEGER, keys, batch));
    }
    return ids;
  }

  @Override
  public Optional<Job<T>> claim() {
    reapIfDue();
    List<Object> reply = backend.call("queue.claim", Slot.QUEUES, false,
        r -> CLAIM.<List<Object>>run(r, ScriptOutputType.MULTI, keys, visibilityMillis));
    return job(reply);
  }

  @Override
  public Optional<Job<T>> claim(Duration wait) {
    Arguments.nonNegative("wait", wait);
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Optional<Job<T>> job = claim();
      long remaining = deadline - System.nanoTime();
      if (job.isPresent() || remaining <= 0) {
        return job;
      }
      double seconds = Math.max(MIN_SLICE_NANOS, Math.min(remaining, sliceNanos)) / 1e9;
      byte[] id = backend.callDirect("queue.wait", Slot.QUEUES, false, () -> waitForJob(seconds));
      if (id != null) {
        List<Object> reply = backend.call("queue.claim", Slot.QUEUES, false,
            r -> REGISTER.<List<Object>>run(r, ScriptOutputType.MULTI, keys, visibilityMillis, id));
        job = job(reply);
        if (job.isPresent()) {
          return job;
        }
      }
    }
  }

  private byte[] waitForJob(double seconds) {
    RedisConnections.Lease lease = backend.connections().blocking(Slot.QUEUES);
    byte[] id;
    try {
      id = lease.commands().blmove(keys[0], keys[1], LMoveArgs.Builder.rightLeft(), seconds);
    } catch (RuntimeException e) {
      // The connection may still have the BLMOVE outstanding: never lend it again. A job it
      // moves later is an unregistered claim, picked up by redeliverStale().
      lease.discard();
      throw e;
    }
    lease.close();
    return id;
  }

  @Override
  public boolean ack(Job<T> job) {
    check(job);
    return backend.call("queue.ack", Slot.QUEUES, true,
        r -> ACK.<Long>run(r, ScriptOutputType.INTEGER, keys, Bytes.of(job.id()),
            Bytes.of(job.claimToken()))) == 1;
  }

  @Override
  public boolean nack(Job<T> job, String reason) {
    check(job);
    Objects.requireNonNull(reason, "reason");
    return backend.call("queue.nack", Slot.QUEUES, true,
        r -> NACK.<Long>run(r, ScriptOutputType.INTEGER, keys, Bytes.of(job.id()),
            Bytes.of(job.claimToken()), Bytes.of(maxAttempts), Bytes.of(reason))) > 0;
  }

  @Override
  public boolean extend(Job<T> job, Duration visibility) {
    check(job);
    Arguments.positive("visibility", visibility);
    return backend.call("queue.extend", Slot.QUEUES, true,
        r -> EXTEND.<Long>run(r, ScriptOutputType.INTEGER, keys, Bytes.of(job.id()),
            Bytes.of(job.claimToken()), Bytes.of(visibility.toMillis()))) > 0;
  }

  @Override
  public int redeliverStale() {
    return backend.call("queue.redeliver", Slot.QUEUES, true,
        r -> REAP.<Long>run(r, ScriptOutputType.INTEGER, keys, Bytes.of(maxAttempts),
            visibilityMillis, Bytes.of(REAP_LIMIT))).intValue();
  }

  private void reapIfDue() {
    long now = System.nanoTime();
    long due = nextReap.get();
    if (now - due >= 0 && nextReap.compareAndSet(due, now + reapIntervalNanos)) {
      redeliverStale();
    }
  }

  @Override
  public QueueStats stats() {
    List<Object> reply = backend.call("queue.stats", Slot.QUEUES, true,
        r -> STATS.<List<Object>>run(r, ScriptOutputType.MULTI, keys));
    return new QueueStats(Bytes.number(reply.get(0)), Bytes.number(reply.get(1)),
        Bytes.number(reply.get(2)));
  }

  @Override
  public List<Job<T>> deadLetters(int limit) {
    Arguments.range("limit", limit, 1, 10_000);
    List<Object> reply = backend.call("queue.dead_letters", Slot.QUEUES, true,
        r -> DEAD.<List<Object>>run(r, ScriptOutputType.MULTI, keys, Bytes.of(limit)));
    List<Job<T>> jobs = new ArrayList<>();
    for (int i = 0; i + 3 < reply.size(); i += 4) {
      byte[] payload = (byte[]) reply.get(i + 1);
      jobs.add(new Job<>(name, Bytes.text(reply.get(i)), payload == null ? null : codec.decode(payload),
          (int) Bytes.number(reply.get(i + 2)), 0, null, Bytes.text(reply.get(i + 3))));
    }
    Collections.reverse(jobs);
    return jobs;
  }

  @Override
  public boolean retryDeadLetter(String jobId) {
    Arguments.id("jobId", jobId);
    return backend.call("queue.retry_dead", Slot.QUEUES, true,
        r -> RETRY_DEAD.<Long>run(r, ScriptOutputType.INTEGER, keys, Bytes.of(jobId))) == 1;
  }

  @Override
  public long purgeDeadLetters() {
    return backend.call("queue.purge_dead", Slot.QUEUES, true,
        r -> PURGE_DEAD.<Long>run(r, ScriptOutputType.INTEGER, keys));
  }

  private Optional<Job<T>> job(List<Object> reply) {
    if (reply == null || reply.isEmpty() || reply.get(0) == null) {
      return Optional.empty();
    }
    return Optional.of(new Job<>(name, Bytes.text(reply.get(0)), codec.decode((byte[]) reply.get(1)),
        (int) Bytes.number(reply.get(2)), Bytes.number(reply.get(5)),
        Instant.ofEpochMilli(Bytes.number(reply.get(3))), Bytes.text(reply.get(4))));
  }

  private void check(Job<T> job) {
    Objects.requireNonNull(job, "job");
    if (!name.equals(job.queue())) {
      throw new InvalidArgumentException("job",
          "belongs to queue '" + job.queue() + "', not '" + name + "'");
    }
  }
}
