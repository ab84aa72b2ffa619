package dev.citadel.examples;

import dev.citadel.client.audit.AuditEvent;
import dev.citadel.client.audit.AuditLog;
import dev.citadel.client.audit.AuditOutcome;
import dev.citadel.client.cache.CitadelCache;
import dev.citadel.client.cache.memory.ChatMessage;
import dev.citadel.client.cache.memory.ConversationMemory;
import dev.citadel.client.cache.queue.JobQueue;
import dev.citadel.client.cache.ratelimit.RateLimit;
import dev.citadel.client.cache.ratelimit.RateLimitDecision;
import dev.citadel.client.cache.ratelimit.RateLimiter;
import dev.citadel.client.cache.response.ResponseCache;
import dev.citadel.client.cache.session.SessionStore;
import dev.citadel.client.db.Database;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.DocumentChunk;
import dev.citadel.client.vector.SearchHit;
import dev.citadel.client.vector.SearchRequest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * One model-serving endpoint, {@code /v1/chat/{model}}, in the order of the architecture's
 * request flow: rate limit (Redis DB 5) -> session (DB 0) -> cached answer (DB 1) ->
 * conversation memory (DB 4) -> retrieval ({@code documents} in Qdrant) -> model call ->
 * usage statistics or error log in the model's schema -> audit event -> post-processing job
 * (DB 2). Thread-safe: every store it uses is.
 */
final class ChatService {
  /** What a caller sends. */
  record ChatRequest(String user, String sessionId, String model, String prompt, String clientAddress) {}

  /** How a request ended. */
  enum Outcome { SERVED, CACHED, FAILED, RATE_LIMITED, NO_SESSION }

  static final String COLLECTION = "documents";
  static final String JOB_QUEUE = "post-processing";
  /** Per user, across models: the example's burst user runs into it on purpose. */
  static final RateLimit USER_LIMIT = RateLimit.perMinute(10);
  /** The stand-in model call fails every this many calls, on purpose, to show the error path. */
  static final int FAILING_CALL = 5;

  private final Database db;
  private final AuditLog audit;
  private final CitadelVectors vectors;
  private final RateLimiter rateLimiter;
  private final SessionStore<String> sessions;
  private final ResponseCache<String> responses;
  private final ConversationMemory<ChatMessage> memory;
  private final JobQueue<String> jobs;
  private final AtomicInteger modelCalls = new AtomicInteger();
  private final AtomicInteger retrievedChunks = new AtomicInteger();
  private final AtomicInteger sessionHits = new AtomicInteger();

  ChatService(Database db, AuditLog audit, CitadelCache cache, CitadelVectors vectors) {
    this.db = db;
    this.audit = audit;
    this.vectors = vectors;
    this.rateLimiter = cache.rateLimiter();
    this.sessions = cache.sessions();
    this.responses = cache.apiCache();
    this.memory = cache.memory();
    this.jobs = cache.queue(JOB_QUEUE);
  }

  /** Logs {@code user} in: a session whose data is the user's display name. */
  String login(String user) {
    return sessions.create(user, "name=" + user).sessionId();
  }

  Outcome handle(ChatRequest request) {
    String requestId = UUID.randomUUID().toString();
    RateLimitDecision decision = rateLimiter.tryAcquire("user", request.user(), USER_LIMIT);
    if (!decision.allowed()) {
      audit(request, requestId, "chat.rate_limited", AuditOutcome.DENIED,
          "{\"retry_after_ms\": " + decision.retryAfter().toMillis() + "}");
      return Outcome.RATE_LIMITED;
    }
    if (sessions.get(request.user(), request.sessionId()).isEmpty()) {
      audit(request, requestId, "chat.no_session", AuditOutcome.DENIED, "{}");
      return Outcome.NO_SESSION;
    }
    sessionHits.incrementAndGet();

    String conversation = conversationId(request.user(), request.model());
    memory.append(conversation, ChatMessage.of("user", request.prompt()));
    long started = System.nanoTime();
    AtomicBoolean computed = new AtomicBoolean();
    String answer;
    try {
      answer = responses.getOrCompute("/v1/chat/" + request.model(), request.prompt(), () -> {
        computed.set(true);
        return callModel(request, memory.last(conversation, 6));
      });
    } catch (ModelCallException e) {
      db.forModel(request.model()).update(
          "INSERT INTO error_logs (request_id, error_type, message, details, model) VALUES (?, ?, ?, ?::jsonb, ?)",
          requestId, "timeout", e.getMessage(), "{\"deadline_ms\": 2000}", request.model());
      audit(request, requestId, "chat.completion", AuditOutcome.FAILURE, "{\"error\": \"timeout\"}");
      return Outcome.FAILED;
    }
    memory.append(conversation, ChatMessage.of("assistant", answer));
    int promptTokens = tokens(request.prompt());
    int completionTokens = computed.get() ? tokens(answer) : 0;
    db.forModel(request.model()).update(
        "INSERT INTO usage_statistics (request_id, user_id, endpoint, prompt_tokens, completion_tokens,"
            + " latency_ms, model) VALUES (?, ?, ?, ?, ?, ?, ?)",
        requestId, request.user(), "/v1/chat", promptTokens, completionTokens,
        (int) ((System.nanoTime() - started) / 1_000_000), request.model());
    audit(request, requestId, "chat.completion", AuditOutcome.SUCCESS,
        "{\"cached\": " + !computed.get() + ", \"completion_tokens\": " + completionTokens + "}");
    jobs.enqueue("{\"request_id\": \"" + requestId + "\", \"model\": \"" + request.model() + "\"}");
    return computed.get() ? Outcome.SERVED : Outcome.CACHED;
  }

  /** The conversation memory key of one user's chat with one model. */
  static String conversationId(String user, String model) {
    return user + "-" + model;
  }

  /** Session lookups that found the session. */
  int sessionHits() {
    return sessionHits.get();
  }

  /** Chunks retrieved for prompts so far. */
  int retrievedChunks() {
    return retrievedChunks.get();
  }

  /**
   * The host's model call, stood in for: retrieval over {@code documents}, then an answer built
   * from what was found. Every {@link #FAILING_CALL}th call times out, to show the error path.
   */
  private String callModel(ChatRequest request, List<ChatMessage> context) {
    List<SearchHit> hits = vectors.search(COLLECTION,
        SearchRequest.builder(Embeddings.embed(request.prompt())).limit(3).scoreThreshold(0.05f).build());
    retrievedChunks.addAndGet(hits.size());
    if (modelCalls.incrementAndGet() % FAILING_CALL == 0) {
      throw new ModelCallException(request.model() + " exceeded its 2000 ms deadline");
    }
    String sources = hits.stream()
        .map(h -> String.valueOf(h.payload().get(DocumentChunk.DOCUMENT_TITLE)))
        .distinct()
        .collect(Collectors.joining(", "));
    return request.model() + " answers '" + request.prompt() + "' (context: " + context.size()
        + " messages; sources: " + (sources.isEmpty() ? "none" : sources) + ")";
  }

  private void audit(ChatRequest request, String requestId, String action, AuditOutcome outcome, String details) {
    audit.record(AuditEvent.builder()
        .user(request.user())
        .action(action)
        .resource("/v1/chat/" + request.model())
        .model(request.model())
        .outcome(outcome)
        .requestId(requestId)
        .clientAddress(request.clientAddress())
        .details(details)
        .build());
  }

  private static int tokens(String text) {
    return text.split("\\s+").length;
  }

  /** The stand-in model missed its deadline. */
  static final class ModelCallException extends RuntimeException {
    ModelCallException(String message) {
      super(message);
    }
  }
}
