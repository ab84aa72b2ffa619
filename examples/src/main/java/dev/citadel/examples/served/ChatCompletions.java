package dev.citadel.examples.served;

import dev.citadel.client.CitadelException;
import dev.citadel.client.UnavailableException;
import dev.citadel.client.UnknownModelException;
import dev.citadel.client.audit.AuditEvent;
import dev.citadel.client.audit.AuditLog;
import dev.citadel.client.audit.AuditOutcome;
import dev.citadel.client.auth.Principal;
import dev.citadel.client.cache.CitadelCache;
import dev.citadel.client.cache.queue.JobQueue;
import dev.citadel.client.cache.ratelimit.RateLimit;
import dev.citadel.client.cache.ratelimit.RateLimitDecision;
import dev.citadel.client.cache.ratelimit.RateLimiter;
import dev.citadel.client.cache.response.ResponseCache;
import dev.citadel.client.cache.session.SessionStore;
import dev.citadel.client.conversation.ConversationMessage;
import dev.citadel.client.conversation.Conversations;
import dev.citadel.client.conversation.MessageRole;
import dev.citadel.client.db.Database;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.DocumentChunk;
import dev.citadel.client.vector.SearchHit;
import dev.citadel.client.vector.SearchRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/chat/completions}, the OpenAI-compatible subset ({@code model}, {@code messages},
 * {@code stream=false}), in the order of the architecture's request flow: API key -> rate limit
 * (Redis DB 5) -> session (DB 0) -> cached answer (DB 1) -> conversation memory (PostgreSQL, windows
 * in DB 4) -> retrieval (vector top-10 over the collection, query embedded by the ONNX model) ->
 * the {@link SimulatedModel} -> usage statistics or error log in the model's schema -> audit event
 * -> follow-up job (DB 2). Responses carry {@code X-Request-Id}, {@code X-Session-Id} (send it back
 * to keep the session and the conversation) and {@code X-Cache: hit|miss}.
 */
@RestController
class ChatCompletions {
  static final String ENDPOINT = "/v1/chat/completions";

  /** The request body. */
  record ChatRequest(String model, List<Message> messages, Boolean stream) {}

  /** One message of the request. */
  record Message(String role, String content) {}

  private final Authenticator auth;
  private final Database db;
  private final AuditLog audit;
  private final CitadelVectors vectors;
  private final Conversations conversations;
  private final RateLimiter rateLimiter;
  private final SessionStore<String> sessions;
  private final ResponseCache<String> responses;
  private final JobQueue<String> followUps;
  private final Embedder embedder;
  private final SimulatedModel model;
  private final SdkCalls sdk;
  private final ServedProperties properties;
  private final RateLimit limit;

  ChatCompletions(Authenticator auth, Database db, AuditLog audit, CitadelCache cache, CitadelVectors vectors,
      Conversations conversations, Embedder embedder, SimulatedModel model, SdkCalls sdk,
      ServedProperties properties) {
    this.auth = auth;
    this.db = db;
    this.audit = audit;
    this.vectors = vectors;
    this.conversations = conversations;
    this.rateLimiter = cache.rateLimiter();
    this.sessions = cache.sessions();
    this.responses = cache.apiCache();
    this.followUps = cache.queue(properties.followUpQueue());
    this.embedder = embedder;
    this.model = model;
    this.sdk = sdk;
    this.properties = properties;
    this.limit = RateLimit.perMinute(properties.rateLimitPerMinute());
  }

  @PostMapping(ENDPOINT)
  ResponseEntity<Map<String, Object>> complete(
      @RequestHeader(value = "Authorization", required = false) String authorization,
      @RequestHeader(value = "X-Session-Id", required = false) String sessionId,
      @RequestBody ChatRequest request, HttpServletRequest http, HttpServletResponse response) {
    Principal principal = auth.authenticate(authorization);
    String question = validate(request, principal);
    String requestId = "chatcmpl-" + UUID.randomUUID();
    // on error responses too: every request past authentication has an audit event under this id
    response.setHeader("X-Request-Id", requestId);
    Context context = new Context(principal, request.model(), requestId, http.getRemoteAddr());
    try {
      return serve(context, request, question, sessionId);
    } catch (ApiErrors.RateLimitedException e) {
      record(context, AuditOutcome.DENIED, "{\"error\": \"rate_limit_exceeded\"}", e);
      throw e;
    } catch (SimulatedModel.ModelFailedException e) {
      sdk.run("error_log_insert", () -> db.forModel(request.model()).update(
          "INSERT INTO error_logs (request_id, error_type, message, details, model) VALUES (?, ?, ?, ?::jsonb, ?)",
          requestId, "model_failed", e.getMessage(), "{\"simulated\": true}", request.model()));
      record(context, AuditOutcome.FAILURE, "{\"error\": \"model_failed\"}", e);
      throw e;
    } catch (UnavailableException e) {
      record(context, AuditOutcome.FAILURE,
          "{\"error\": \"backend_unavailable\", \"backend\": \"" + e.backend() + "\"}", e);
      throw e;
    }
  }

  private ResponseEntity<Map<String, Object>> serve(Context context, ChatRequest request, String question,
      String sessionHeader) {
    long started = System.nanoTime();
    String keyId = context.principal.keyId().toString();
    RateLimitDecision decision = sdk.time("rate_limit", () -> rateLimiter.tryAcquire("api_key", keyId, limit));
    if (!decision.allowed()) {
      throw new ApiErrors.RateLimitedException("rate limit of " + limit.limit() + " requests a minute reached for"
          + " this key; retry in " + decision.retryAfter().toMillis() + " ms",
          Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000));
    }
    String owner = context.principal.owner();
    String sessionId = session(owner, sessionHeader);

    String cacheEndpoint = ENDPOINT + "/" + request.model();
    String cacheKey = cacheKey(request);
    Optional<String> cached = sdk.time("cache_get", () -> responses.get(cacheEndpoint, cacheKey));
    String answer;
    int promptTokens;
    int completionTokens;
    if (cached.isPresent()) {
      answer = cached.get();
      promptTokens = SimulatedModel.tokens(question);
      completionTokens = 0;
    } else {
      String conversation = sessionId + "." + request.model();
      sdk.run("memory_append", () -> conversations.append(conversation,
          ConversationMessage.builder(MessageRole.USER).content(question).model(request.model()).build()));
      List<String> history = sdk.time("memory_window", () -> conversations.last(conversation,
          properties.memoryWindow())).stream().map(m -> m.message().content()).toList();
      float[] query = embedder.embed(question);
      List<SearchHit> hits = sdk.time(SdkCalls.VECTOR_TOP10, () -> vectors.search(properties.collection(),
          SearchRequest.builder(query).limit(properties.retrievalLimit()).build()));
      List<String> sources = hits.stream().limit(3)
          .map(h -> String.valueOf(h.payload().get(DocumentChunk.CONTENT))).toList();
      SimulatedModel.Completion completion = sdk.model(() -> model.complete(request.model(), question, history,
          sources));
      answer = completion.text();
      promptTokens = completion.promptTokens();
      completionTokens = completion.completionTokens();
      sdk.run("memory_append", () -> conversations.append(conversation,
          ConversationMessage.builder(MessageRole.ASSISTANT).content(answer).model(request.model()).build()));
      sdk.run("cache_put", () -> responses.put(cacheEndpoint, cacheKey, answer));
    }
    boolean hit = cached.isPresent();
    int latencyMs = (int) ((System.nanoTime() - started) / 1_000_000);
    sdk.run("usage_insert", () -> db.forModel(request.model()).update(
        "INSERT INTO usage_statistics (request_id, user_id, endpoint, prompt_tokens, completion_tokens, latency_ms,"
            + " model) VALUES (?, ?, ?, ?, ?, ?, ?)",
        context.requestId, owner, ENDPOINT, promptTokens, completionTokens, latencyMs, request.model()));
    record(context, AuditOutcome.SUCCESS, "{\"cached\": " + hit + ", \"completion_tokens\": " + completionTokens
        + "}", null);
    sdk.run("job_enqueue", () -> followUps.enqueue("{\"request_id\": \"" + context.requestId + "\", \"model\": \""
        + request.model() + "\"}"));

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", context.requestId);
    body.put("object", "chat.completion");
    body.put("created", Instant.now().getEpochSecond());
    body.put("model", request.model());
    body.put("choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", answer),
        "finish_reason", "stop")));
    body.put("usage", Map.of("prompt_tokens", promptTokens, "completion_tokens", completionTokens,
        "total_tokens", promptTokens + completionTokens));
    return ResponseEntity.ok().header("X-Session-Id", sessionId)
        .header("X-Cache", hit ? "hit" : "miss").body(body);
  }

  /** The session named by the header if it is the owner's and alive, else a new one. */
  private String session(String owner, String sessionHeader) {
    if (sessionHeader != null && !sessionHeader.isBlank()) {
      Optional<String> found = sdk.time(SdkCalls.SESSION_LOOKUP, () -> sessions.get(owner, sessionHeader));
      if (found.isPresent()) {
        return sessionHeader;
      }
    }
    return sdk.time("session_create", () -> sessions.create(owner, "created=" + Instant.now()).sessionId());
  }

  /** The last user message; refuses what the subset does not serve. */
  private String validate(ChatRequest request, Principal principal) {
    if (request == null) {
      throw ApiException.invalid("invalid_body", "the request body is missing");
    }
    if (Boolean.TRUE.equals(request.stream())) {
      throw ApiException.invalid("stream_not_supported", "stream=true is not supported by this service; send"
          + " stream=false or leave it out");
    }
    if (request.model() == null || request.model().isBlank()) {
      throw ApiException.invalid("missing_model", "'model' is required");
    }
    if (!db.models().contains(request.model())) {
      throw new UnknownModelException(request.model(), db.models().models());
    }
    if (!principal.allowsModel(request.model())) {
      throw new ApiException(HttpStatus.FORBIDDEN, "permission_error", "model_not_allowed",
          "this key may not use model '" + request.model() + "'");
    }
    if (request.messages() == null || request.messages().isEmpty()) {
      throw ApiException.invalid("missing_messages", "'messages' must hold at least one message");
    }
    String question = null;
    for (Message m : request.messages()) {
      if (m == null || m.role() == null || m.content() == null) {
        throw ApiException.invalid("invalid_message", "every message needs a 'role' and a 'content'");
      }
      MessageRole.of(m.role());
      if (m.role().equalsIgnoreCase("user")) {
        question = m.content();
      }
    }
    if (question == null || question.isBlank()) {
      throw ApiException.invalid("missing_user_message", "'messages' must hold a non-empty user message");
    }
    return question;
  }

  private static String cacheKey(ChatRequest request) {
    StringBuilder key = new StringBuilder(request.model());
    for (Message m : request.messages()) {
      key.append('\n').append(m.role().toLowerCase(java.util.Locale.ROOT)).append(": ").append(m.content());
    }
    return key.toString();
  }

  private void record(Context context, AuditOutcome outcome, String details, RuntimeException failure) {
    try {
      sdk.run("audit_record", () -> audit.record(AuditEvent.builder()
          .user(context.principal.owner())
          .action("chat.completion")
          .resource(ENDPOINT)
          .model(context.model)
          .outcome(outcome)
          .requestId(context.requestId)
          .clientAddress(context.clientAddress)
          .details(details)
          .build()));
    } catch (CitadelException e) {
      if (failure == null) {
        throw e;
      }
      failure.addSuppressed(e);
    }
  }

  private record Context(Principal principal, String model, String requestId, String clientAddress) {}
}
