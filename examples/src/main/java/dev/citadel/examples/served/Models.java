package dev.citadel.examples.served;

import dev.citadel.client.NotFoundException;
import dev.citadel.client.UnknownModelException;
import dev.citadel.client.auth.Principal;
import dev.citadel.client.db.Database;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Routed reads in each model's schema ({@code db.forModel(model)}): {@code GET /v1/models} (the
 * configured models), {@code GET /v1/models/{model}} (a single-row lookup in
 * {@code model_configurations}) and {@code GET /v1/usage?model=...} (the caller's last 100
 * {@code usage_statistics} rows, a 100-row range scan on the (user, time) index).
 */
@RestController
class Models {
  static final int USAGE_ROWS = 100;

  private final Authenticator auth;
  private final Database db;
  private final SdkCalls sdk;

  Models(Authenticator auth, Database db, SdkCalls sdk) {
    this.auth = auth;
    this.db = db;
    this.sdk = sdk;
  }

  /** One configuration row per model, so the lookup finds one (written at start-up, idempotent). */
  void seedConfigurations() {
    for (String model : db.models().models()) {
      db.forModel(model).update("INSERT INTO model_configurations (name, config) VALUES (?, ?::jsonb)"
          + " ON CONFLICT (name) DO NOTHING", model, "{\"served_by\": \"SimulatedModel\"}");
    }
  }

  @GetMapping("/v1/models")
  Map<String, Object> list(@RequestHeader(value = "Authorization", required = false) String authorization) {
    auth.authenticate(authorization);
    List<Map<String, Object>> data = db.models().models().stream().sorted()
        .map(m -> Map.<String, Object>of("id", m, "object", "model", "owned_by", "citadel")).toList();
    return Map.of("object", "list", "data", data);
  }

  @GetMapping("/v1/models/{model}")
  Map<String, Object> model(@RequestHeader(value = "Authorization", required = false) String authorization,
      @PathVariable String model) {
    auth.authenticate(authorization);
    known(model);
    Map<String, Object> row = sdk.time(SdkCalls.ROUTED_LOOKUP, () -> db.forModel(model).queryOptional(
        "SELECT name, config::text AS config, active, version FROM model_configurations WHERE name = ?",
        rs -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("id", rs.getString("name"));
          m.put("object", "model");
          m.put("owned_by", "citadel");
          m.put("schema", db.models().schemaFor(model));
          m.put("active", rs.getBoolean("active"));
          m.put("config", rs.getString("config"));
          m.put("version", rs.getLong("version"));
          return m;
        }, model)).orElseThrow(() -> new NotFoundException("model configuration", model));
    return row;
  }

  @GetMapping("/v1/usage")
  Map<String, Object> usage(@RequestHeader(value = "Authorization", required = false) String authorization,
      @RequestParam String model) {
    Principal principal = auth.authenticate(authorization);
    known(model);
    List<Map<String, Object>> rows = sdk.time(SdkCalls.RANGE_SCAN, () -> db.forModel(model).query(
        "SELECT request_id, occurred_at, endpoint, prompt_tokens, completion_tokens, latency_ms"
            + " FROM usage_statistics WHERE user_id = ? ORDER BY occurred_at DESC LIMIT " + USAGE_ROWS,
        rs -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("request_id", rs.getString(1));
          Timestamp at = rs.getTimestamp(2);
          m.put("occurred_at", at == null ? null : at.toInstant().toString());
          m.put("endpoint", rs.getString(3));
          m.put("prompt_tokens", rs.getInt(4));
          m.put("completion_tokens", rs.getInt(5));
          m.put("latency_ms", rs.getInt(6));
          return m;
        }, principal.owner()));
    return Map.of("object", "list", "model", model, "data", rows);
  }

  private void known(String model) {
    if (!db.models().contains(model)) {
      throw new UnknownModelException(model, db.models().models());
    }
  }
}
