package dev.citadel.examples;

import dev.citadel.client.Citadel;
import dev.citadel.client.CitadelException;
import dev.citadel.client.audit.AuditLog;
import dev.citadel.client.audit.VerificationResult;
import dev.citadel.client.cache.CitadelCache;
import dev.citadel.client.cache.queue.Job;
import dev.citadel.client.cache.queue.JobQueue;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.db.SqlClient;
import dev.citadel.client.health.HealthReport;
import dev.citadel.client.migration.MigrationResult;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.DocumentChunk;
import dev.citadel.client.vector.VectorFilter;
import dev.citadel.client.vector.sync.CollectionDrift;
import dev.citadel.client.vector.sync.ReconcileMode;
import dev.citadel.client.vector.sync.RelayResult;
import dev.citadel.client.vector.sync.VectorSync;
import dev.citadel.examples.ChatService.ChatRequest;
import dev.citadel.examples.ChatService.Outcome;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A model-serving host in miniature that uses every module the way a real service would. With
 * no configuration it starts its own servers ({@link EmbeddedServices}); given a YAML file (first
 * argument, or {@code CITADEL_CONFIG}) or {@code POSTGRES_*}/{@code CITADEL_*} variables it runs
 * against real servers unchanged (the file must then have {@code database}, {@code redis} and
 * {@code qdrant} sections).
 *
 * <p>It ingests a few documents through the PostgreSQL-to-Qdrant sync, serves chat requests
 * for two models ({@link ChatService}), drains the post-processing queue as a worker would,
 * verifies the audit chain, and prints a summary. Exits 0 when every step checked out.
 */
public final class ModelServingExample {
  static final List<String> MODELS = List.of("mixtral", "phi3");
  static final List<String> USERS = List.of("alice", "bob", "carol");
  /**
   * Suffix of this run's user ids: against servers that outlive the run, a second run must not
   * meet the first run's rate-limit windows and conversations.
   */
  private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36);
  /** Sends more requests than {@link ChatService#USER_LIMIT} allows, to show the rate limit. */
  static final String BURST_USER = "mallory";
  static final int BURST_REQUESTS = 14;

  /** Tags the example's own chunks in a {@code documents} collection that may hold others. */
  static final String TAG = "citadel-example";

  static final List<String> PROMPTS = List.of(
      "How do I rotate the PostgreSQL password?",
      "Which Redis database holds rate limits?",
      "What is the vector size of the documents collection?",
      "How are audit events protected against tampering?");

  private ModelServingExample() {}

  /**
   * Runs the example and exits 0 when every step checked out, 1 otherwise. A failure that stops it
   * (a bad config, a server that cannot be reached) is one line on stderr, starting
   * {@code example failed:}.
   *
   * @param args optional: a YAML config file, relative to the working directory
   */
  public static void main(String[] args) {
    boolean ok;
    try {
      ok = run(args.length > 0 ? args[0] : null, System.getenv(), System.out);
    } catch (RuntimeException e) {
      System.out.flush();
      System.err.println("example failed: " + oneLine(e));
      ok = false;
    }
    System.exit(ok ? 0 : 1);
  }

  /**
   * Runs the example, printing to {@code out}.
   *
   * @param configFile a YAML config, relative to the working directory; null or blank for
   *     {@code CITADEL_CONFIG}, the environment, or the embedded servers, in that order
   * @param environment the process environment ({@code CITADEL_CONFIG}, {@code POSTGRES_*},
   *     {@code CITADEL_*}); also the config's overrides, as in the SDK
   * @return whether every step checked out
   */
  public static boolean run(String configFile, Map<String, String> environment, PrintStream out) {
    out.println("citadel-client example: a model-serving host in miniature; each line says what it shows.");
    out.println("logs: the SDK's own log lines go to stderr, warnings only (-Dexample.log=info shows more)");
    String file = configFile != null && !configFile.isBlank() ? configFile : environment.get("CITADEL_CONFIG");
    if (file != null && !file.isBlank()) {
      Path path = Path.of(file).toAbsolutePath().normalize();
      out.println("config: " + path + " (with POSTGRES_*/CITADEL_* variables overriding it, as in the SDK)");
      return serve(CitadelConfig.loader().environment(environment).file(path).load(), out);
    }
    if (environment.get("POSTGRES_HOST") != null || environment.get("CITADEL_DATABASE_HOST") != null) {
      out.println("config: environment variables (POSTGRES_*, CITADEL_*)");
      return serve(CitadelConfig.loader().environment(environment).load(), out);
    }
    try (EmbeddedServices services = EmbeddedServices.start()) {
      out.println("config: none given, so the test kit started these servers for this run: " + services.describe());
      out.println("database: " + services.database() + " (created for this run on that PostgreSQL, dropped when it"
          + " ends)");
      return serve(services.config(), out);
    }
  }

  /** The failure's text on one line, with its type when that says more than the text. */
  private static String oneLine(RuntimeException e) {
    String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s*\\R\\s*", " ");
    return e instanceof CitadelException ? message : e.getClass().getSimpleName() + ": " + message;
  }

  private static boolean serve(CitadelConfig config, PrintStream out) {
    Checks checks = new Checks(out);
    try (Citadel citadel = Citadel.create(config)) {
      CitadelCache cache = required(citadel.extension(CitadelCache.class), "redis");
      CitadelVectors vectors = required(citadel.extension(CitadelVectors.class), "qdrant");
      Database db = citadel.database();
      Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      out.println("run: " + RUN + " (a random id of this run: it suffixes the user ids, so a second run against the"
          + " same servers starts with fresh rate-limit windows and conversations)");

      MigrationResult migrated = db.migrate();
      out.printf("migrations: %d applied now (0 when the database was already migrated), schema version %s,"
              + " model schemas %s%n", migrated.applied(), migrated.version(), migrated.modelSchemas());

      try (VectorSync sync = VectorSync.create(db, vectors)) {
        ingest(sync, vectors, checks);
      }

      AuditLog audit = citadel.audit();
      ChatService service = new ChatService(db, audit, cache, vectors);
      Map<Outcome, Integer> outcomes = serveRequests(service);
      int requests = outcomes.values().stream().mapToInt(Integer::intValue).sum();
      out.printf("requests: %d sent by %d users to %d models: %d served by a model call, %d from the response"
              + " cache (Redis DB 1), %d failed, %d rate-limited (Redis DB 5), %d without a session (Redis DB 0)%n",
          requests, USERS.size() + 1, MODELS.size(), outcomes.get(Outcome.SERVED), outcomes.get(Outcome.CACHED),
          outcomes.get(Outcome.FAILED), outcomes.get(Outcome.RATE_LIMITED), outcomes.get(Outcome.NO_SESSION));
      out.printf("  failed: on purpose: the stand-in model call times out every %dth call, to show the error"
          + " path (a row in the model's error_logs, an audit event with outcome failure)%n", ChatService.FAILING_CALL);
      out.printf("  rate-limited: on purpose: user '%s' sends %d requests where %d a minute are allowed%n",
          BURST_USER, BURST_REQUESTS, ChatService.USER_LIMIT.limit());
      out.println("per model, rows in its own schema (db.forModel(model) routes every statement there):");
      checks.expect("every request answered, failed or refused", requests == USERS.size() * MODELS.size()
          * (PROMPTS.size() + 1) + BURST_REQUESTS, requests + " requests");
      checks.expect("cache hits", outcomes.get(Outcome.CACHED) > 0, outcomes.get(Outcome.CACHED) + " hits");
      checks.expect("rate limit held the burst", outcomes.get(Outcome.RATE_LIMITED)
          == BURST_REQUESTS - ChatService.USER_LIMIT.limit(), outcomes.get(Outcome.RATE_LIMITED) + " refused");
      int allowed = requests - outcomes.get(Outcome.RATE_LIMITED);
      checks.expect("sessions (DB 0) found for every allowed request", service.sessionHits() == allowed,
          (USERS.size() + 1) + " logins, " + service.sessionHits() + " lookups hit");
      // Each regular user asked every prompt, and one question of their own, once per model: one
      // user message each, plus the answer unless the model call failed.
      long messages = 0;
      boolean everyConversationKept = true;
      for (String user : USERS) {
        for (String model : MODELS) {
          long size = cache.memory().size(ChatService.conversationId(userId(user), model));
          everyConversationKept &= size >= PROMPTS.size() + 1 && size <= 2L * (PROMPTS.size() + 1);
          messages += size;
        }
      }
      checks.expect("conversation memory (DB 4) kept both sides", everyConversationKept,
          messages + " messages in " + USERS.size() * MODELS.size() + " conversations of the regular users");
      checks.expect("retrieval found chunks", service.retrievedChunks() > 0,
          service.retrievedChunks() + " chunks from '" + ChatService.COLLECTION + "'");

      for (String model : MODELS) {
        SqlClient routed = db.forModel(model);
        long served = routed.queryOne("SELECT count(*) FROM usage_statistics", RowMapper.column(Long.class));
        long tokens = routed.queryOne(
            "SELECT coalesce(sum(prompt_tokens + completion_tokens), 0) FROM usage_statistics",
            RowMapper.column(Long.class));
        long errors = routed.queryOne("SELECT count(*) FROM error_logs", RowMapper.column(Long.class));
        out.printf("  model %-8s schema %-8s usage_statistics: %d rows, %d tokens; error_logs: %d rows%n",
            model, db.models().schemaFor(model), served, tokens, errors);
      }

      JobQueue<String> jobs = cache.queue(ChatService.JOB_QUEUE);
      int processed = drainJobs(jobs);
      int enqueued = outcomes.get(Outcome.SERVED) + outcomes.get(Outcome.CACHED);
      // A shared queue may also hold other producers' jobs; the worker takes those too.
      checks.expect("post-processing jobs (DB 2) enqueued and processed",
          processed >= enqueued && jobs.stats().pending() == 0,
          enqueued + " enqueued, " + processed + " claimed and acknowledged");

      audit.flush();
      VerificationResult chain = audit.verifier().verify(started, Instant.now().plusSeconds(1));
      checks.expect("audit chain verified", chain.intact() && chain.rowsChecked() >= requests,
          chain.rowsChecked() + " rows checked in chains " + chain.chains()
              + chain.firstViolation().map(v -> ", violation: " + v).orElse(""));

      HealthReport health = citadel.health();
      checks.expect("health report", health.healthy(), health.checks().size() + " checks, "
          + health.failures().size() + " failing");
      out.println();
      out.println("health report (citadel.health(): one line per check of every backend, then the verdict):");
      out.println(health);
    }
    return checks.print();
  }

  /** Writes the knowledge base to PostgreSQL; the sync's relay pushes it to Qdrant. */
  private static void ingest(VectorSync sync, CitadelVectors vectors, Checks checks) {
    sync.registerCollection(CollectionSpec.DOCUMENTS);
    Map<String, List<String>> documents = new LinkedHashMap<>();
    documents.put("Operations handbook", List.of(
        "Rotate the PostgreSQL password with ALTER ROLE, then update POSTGRES_PASSWORD in every host.",
        "Pgpool-II and PgBouncer sit in front of PostgreSQL; the direct port bypasses them."));
    documents.put("Redis conventions", List.of(
        "Redis database 5 holds rate limits as sliding windows keyed ratelimit:{type}:{id}:{window}.",
        "Redis database 0 holds sessions with a sliding one hour TTL.",
        "Redis database 2 holds job queues with a processing list for reliable delivery."));
    documents.put("Vector collections", List.of(
        "The documents collection stores 768 dimensional Cosine vectors with HNSW m 16.",
        "The code collection stores 4096 dimensional vectors."));
    documents.put("Compliance", List.of(
        "Audit events form a SHA-256 hash chain; a verifier reports modified, deleted or forged rows."));
    int chunks = 0;
    for (Map.Entry<String, List<String>> document : documents.entrySet()) {
      UUID fileId = UUID.nameUUIDFromBytes(document.getKey().getBytes(StandardCharsets.UTF_8));
      List<DocumentChunk> parts = new ArrayList<>();
      for (String content : document.getValue()) {
        parts.add(DocumentChunk.builder(fileId, parts.size())
            .content(content)
            .documentTitle(document.getKey())
            .fileType("md")
            .tags(List.of(TAG))
            .vector(Embeddings.embed(content))
            .build());
      }
      sync.writeDocument(ChatService.COLLECTION, fileId, parts);
      chunks += parts.size();
    }
    RelayResult relayed = sync.drain();
    CollectionDrift drift = sync.reconcile(ChatService.COLLECTION, ReconcileMode.REPORT);
    checks.expect("documents ingested through the PostgreSQL->Qdrant sync",
        drift.inSync()
            && vectors.count(ChatService.COLLECTION, VectorFilter.builder().tagsAnyOf(TAG).build()) == chunks,
        documents.size() + " documents, " + chunks + " chunks; relay pushed " + relayed.pushed()
            + " outbox records; " + drift.summary());
  }

  /** Every user logs in, asks every prompt of every model; then one user bursts past the limit. */
  private static Map<Outcome, Integer> serveRequests(ChatService service) {
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.values()) {
      outcomes.put(o, 0);
    }
    List<ChatRequest> requests = new ArrayList<>();
    for (int u = 0; u < USERS.size(); u++) {
      String user = userId(USERS.get(u));
      String session = service.login(user);
      for (String model : MODELS) {
        // A question only this user asks: never in the response cache, even on a second run
        // against the same Redis, so every run calls the model and retrieves.
        requests.add(new ChatRequest(user, session, model, "How do I rotate the PostgreSQL password for " + user
            + "?", "10.0.0." + (u + 10)));
      }
      for (int p = 0; p < PROMPTS.size(); p++) {
        for (String model : MODELS) {
          // Users ask the same questions in different orders: later askers hit the cache.
          requests.add(new ChatRequest(user, session, model, PROMPTS.get((p + u) % PROMPTS.size()),
              "10.0.0." + (u + 10)));
        }
      }
    }
    String burstUser = userId(BURST_USER);
    String burstSession = service.login(burstUser);
    for (int i = 0; i < BURST_REQUESTS; i++) {
      requests.add(new ChatRequest(burstUser, burstSession, MODELS.get(0), PROMPTS.get(i % PROMPTS.size()),
          "10.0.0.99"));
    }
    for (ChatRequest request : requests) {
      outcomes.merge(service.handle(request), 1, Integer::sum);
    }
    return outcomes;
  }

  /** This run's id for the user called {@code name}. */
  private static String userId(String name) {
    return name + "-" + RUN;
  }

  /** The post-processing worker: claims and acknowledges until the queue is empty. */
  private static int drainJobs(JobQueue<String> queue) {
    int processed = 0;
    for (Optional<Job<String>> job = queue.claim(); job.isPresent(); job = queue.claim()) {
      if (queue.ack(job.get())) {
        processed++;
      }
    }
    return processed;
  }

  private static <T> T required(Optional<T> extension, String section) {
    return extension.orElseThrow(() -> new IllegalStateException("the example needs the '" + section
        + "' config section (and its module on the class path)"));
  }

  /** The example's own verdicts, printed as one aligned list. */
  private static final class Checks {
    private final PrintStream out;
    private final List<String> lines = new ArrayList<>();
    private boolean allPassed = true;

    Checks(PrintStream out) {
      this.out = out;
    }

    void expect(String step, boolean passed, String detail) {
      lines.add(String.format("  %-4s %-56s %s", passed ? "OK" : "FAIL", step, detail));
      allPassed &= passed;
    }

    boolean print() {
      out.println();
      out.println("summary (the example's own checks of each step):");
      lines.forEach(out::println);
      out.println(allPassed ? "example: every step checked out" : "example: some steps FAILED");
      return allPassed;
    }
  }
}
