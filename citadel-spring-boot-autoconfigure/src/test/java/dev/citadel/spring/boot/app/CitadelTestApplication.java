package dev.citadel.spring.boot.app;

import dev.citadel.client.audit.AuditEvent;
import dev.citadel.client.audit.AuditLog;
import dev.citadel.client.audit.AuditOutcome;
import dev.citadel.client.cache.CitadelCache;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.SearchHit;
import dev.citadel.client.vector.SearchRequest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A model-serving endpoint over the starter's beans, as an application would write it. */
@SpringBootApplication
public class CitadelTestApplication {

  /** The collection the endpoint searches. */
  public static final String COLLECTION = "spring_docs";

  /** {@code GET /chat?model=..&prompt=..}: routed write and read, cached answer, vector search, audit event. */
  @RestController
  public static class ChatController {
    private final Database db;
    private final CitadelCache cache;
    private final CitadelVectors vectors;
    private final AuditLog audit;
    /** How many times the "model" ran (a cache miss). */
    public final AtomicInteger modelCalls = new AtomicInteger();

    public ChatController(Database db, CitadelCache cache, CitadelVectors vectors, AuditLog audit) {
      this.db = db;
      this.cache = cache;
      this.vectors = vectors;
      this.audit = audit;
    }

    @GetMapping("/chat")
    public String chat(@RequestParam String model, @RequestParam String prompt) {
      String requestId = UUID.randomUUID().toString();
      db.forModel(model).update("INSERT INTO usage_statistics (request_id, prompt_tokens) VALUES (?, ?)",
          requestId, prompt.length());
      long usageRows = db.forModel(model).queryOne("SELECT count(*) FROM usage_statistics",
          RowMapper.column(Long.class));
      String answer = cache.apiCache().getOrCompute("/chat/" + model, prompt,
          () -> "answer-" + modelCalls.incrementAndGet());
      List<SearchHit> hits = vectors.search(COLLECTION, SearchRequest.of(new float[] {1f, 0f, 0f}));
      audit.record(AuditEvent.builder().service("spring-test").action("chat.completion").model(model)
          .outcome(AuditOutcome.SUCCESS).requestId(requestId).build());
      return usageRows + "|" + answer + "|" + (hits.isEmpty() ? "none" : hits.get(0).id());
    }
  }
}
