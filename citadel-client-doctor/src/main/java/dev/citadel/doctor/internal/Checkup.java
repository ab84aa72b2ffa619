package dev.citadel.doctor.internal;

import dev.citadel.client.Citadel;
import dev.citadel.client.cache.CitadelCache;
import dev.citadel.client.cache.config.RedisConfig;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.health.HealthCheck;
import dev.citadel.client.health.HealthStatus;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.config.QdrantConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the checks of one doctor run under one deadline. The three sections (PostgreSQL, Redis,
 * Qdrant) run in parallel, each on its own daemon thread, so a backend that hangs delays only
 * its own lines; every line a section has not produced by the deadline is reported as FAIL
 * "timed out". Then the clients are closed (bounded too) and the report returned.
 */
public final class Checkup {
  private static final Logger LOG = LoggerFactory.getLogger(Checkup.class);
  /** How long closing the clients may take after the checks. */
  static final Duration CLOSE_BOUND = Duration.ofSeconds(5);

  private Checkup() {}

  /**
   * Runs every check of {@code citadel} (built from {@code config} with the doctor's bounds) and
   * closes it.
   *
   * @param config the config as loaded (to tell which sections are configured)
   * @param startNanos {@link System#nanoTime()} when the run started: the deadline counts from it
   */
  public static Report run(Citadel citadel, CitadelConfig config, Arguments arguments, long startNanos) {
    List<Probe> probes = probes(citadel, config, arguments);
    long deadline = startNanos + arguments.timeout().toNanos();
    ExecutorService threads = Executors.newCachedThreadPool(daemonThreads("citadel-doctor-check"));
    try {
      List<CompletableFuture<Void>> futures = new ArrayList<>();
      for (Probe p : probes) {
        futures.add(CompletableFuture.runAsync(p::run, threads));
      }
      awaitAll(futures, deadline);
      Duration waited = Duration.ofNanos(System.nanoTime() - startNanos);
      List<HealthCheck> lines = new ArrayList<>();
      for (int i = 0; i < probes.size(); i++) {
        lines.addAll(probes.get(i).lines(futures.get(i), arguments.timeout(), waited));
      }
      return new Report(lines, waited);
    } finally {
      threads.shutdownNow();
      close(citadel);
    }
  }

  private static List<Probe> probes(Citadel citadel, CitadelConfig config, Arguments arguments) {
    List<Probe> probes = new ArrayList<>();
    DatabaseConfig db = citadel.database().config();
    List<String> dbNames = new ArrayList<>(List.of("postgres.pooled", "postgres.direct"));
    new LinkedHashSet<>(db.models().values()).forEach(s -> dbNames.add("schema." + s));
    dbNames.addAll(List.of("migrations", "pool.pooled", "pool.direct", "postgres.pooler", "postgres.tls"));
    probes.add(new Probe("postgres", dbNames, sink -> {
      citadel.database().health().checks().forEach(c -> sink.accept(undeclaredPoolerFails(c)));
      sink.accept(TlsCheck.postgres(db));
    }));

    if (config.section(RedisConfig.class).isEmpty()) {
      probes.add(Probe.fixed(notConfigured("redis", arguments)));
    } else {
      probes.add(citadel.extension(CitadelCache.class)
          .map(cache -> new Probe("redis", List.of("redis.ping", "redis.roundtrip", "redis.memory", "redis.eviction",
              "redis.tls"), sink -> {
                cache.health().checks().forEach(sink);
                sink.accept(TlsCheck.redis(cache.config()));
              }))
          .orElseGet(() -> Probe.fixed(moduleMissing("redis", "citadel-client-cache"))));
    }

    if (config.section(QdrantConfig.class).isEmpty()) {
      probes.add(Probe.fixed(notConfigured("qdrant", arguments)));
    } else {
      List<String> wanted = arguments.collections();
      probes.add(citadel.extension(CitadelVectors.class)
          .map(vectors -> new Probe("qdrant", withTls(QdrantChecks.expectedNames(wanted)), sink -> {
            QdrantChecks.run(vectors, citadel.metadata(), db.metadataSchema(), wanted, sink);
            sink.accept(TlsCheck.qdrant(vectors.config()));
          }))
          .orElseGet(() -> Probe.fixed(moduleMissing("qdrant", "citadel-client-vector"))));
    }
    return probes;
  }

  private static List<String> withTls(List<String> names) {
    List<String> all = new ArrayList<>(names);
    all.add("qdrant.tls");
    return all;
  }

  /**
   * The {@code postgres.pooler} line fails when a transaction pooler was detected that the config
   * does not declare. The SDK copes (it runs pooler-safe, so the host's own health stays UP), but
   * the config must say what the deployment is, as {@code redis.memory} fails a server whose
   * settings differ from the configured ones.
   */
  static HealthCheck undeclaredPoolerFails(HealthCheck check) {
    if (check.name().equals("postgres.pooler") && check.isUp()
        && Boolean.TRUE.equals(check.attributes().get("transaction_pooler"))
        && Boolean.FALSE.equals(check.attributes().get("declared"))) {
      return new HealthCheck(check.name(), HealthStatus.DOWN, check.detail(), check.attributes(), check.elapsed());
    }
    return check;
  }

  /** A section the config does not have: passes unless {@code --require} names it. */
  static HealthCheck notConfigured(String section, Arguments arguments) {
    Map<String, Object> attrs = Map.of("configured", false);
    return arguments.required().contains(section)
        ? new HealthCheck(section, HealthStatus.DOWN,
            "not configured (no " + section + ": section), but --require " + section + " asks for it", attrs,
            Duration.ZERO)
        : HealthCheck.up(section, "not configured (no " + section + ": section); not checked", attrs, Duration.ZERO);
  }

  private static HealthCheck moduleMissing(String section, String module) {
    return HealthCheck.down(section, "configured, but " + module + " was not found on the class path"
        + " (its META-INF/services registration is missing)", Duration.ZERO);
  }

  private static void awaitAll(List<CompletableFuture<Void>> futures, long deadline) {
    long remaining = deadline - System.nanoTime();
    try {
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(Math.max(0, remaining),
          TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // The deadline passed, or a section failed: each probe's own future tells which (lines()).
      LOG.debug("checks ended early: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // report what is there; unfinished lines say so
    }
  }

  private static void close(Citadel citadel) {
    Thread closer = daemonThreads("citadel-doctor-close").newThread(citadel::close);
    closer.setUncaughtExceptionHandler((t, e) -> LOG.warn("closing the clients failed: {}", e.toString()));
    closer.start();
    try {
      closer.join(CLOSE_BOUND.toMillis());
      if (closer.isAlive()) {
        LOG.warn("closing the clients takes longer than {} s; not waiting for it", CLOSE_BOUND.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** One section's checks: the lines it is expected to give, and the work that gives them. */
  static final class Probe {
    private final String section;
    private final List<String> expected;
    private final Consumer<Consumer<HealthCheck>> work;
    private final List<HealthCheck> reported = Collections.synchronizedList(new ArrayList<>());

    Probe(String section, List<String> expected, Consumer<Consumer<HealthCheck>> work) {
      this.section = section;
      this.expected = List.copyOf(expected);
      this.work = work;
    }

    /** A probe whose one line is known already. */
    static Probe fixed(HealthCheck line) {
      return new Probe(line.name(), List.of(line.name()), sink -> sink.accept(line));
    }

    void run() {
      work.accept(reported::add);
    }

    /**
     * The lines reported so far; when the work did not complete normally, every expected line it
     * did not report fails, saying it timed out or why the work failed.
     */
    List<HealthCheck> lines(CompletableFuture<Void> future, Duration timeout, Duration waited) {
      List<HealthCheck> lines;
      synchronized (reported) {
        lines = new ArrayList<>(reported);
      }
      if (future.isDone() && !future.isCompletedExceptionally()) {
        return lines;
      }
      String why = future.isDone()
          ? "check failed: " + Failures.describe(future.handle((v, t) -> t.getCause() == null ? t : t.getCause())
              .getNow(null))
          : "timed out: no result within " + Report.seconds(timeout) + " (--timeout)";
      Set<String> seen = new HashSet<>();
      lines.forEach(l -> seen.add(l.name()));
      boolean added = false;
      for (String name : expected) {
        if (!seen.contains(name)) {
          lines.add(HealthCheck.down(name, why, waited));
          added = true;
        }
      }
      if (!added) {
        lines.add(HealthCheck.down(section, why, waited));
      }
      return lines;
    }
  }
}
