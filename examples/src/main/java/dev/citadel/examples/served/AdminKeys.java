package dev.citadel.examples.served;

import dev.citadel.client.auth.ApiKeys;
import dev.citadel.client.auth.IssuedKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/keys} issues a key (admin scope required): {@code owner} (required),
 * {@code scopes} (default {@code ["chat"]}), {@code models} (default every model), {@code name}.
 * The plaintext key is in the answer once; the SDK stores only its HMAC and audits the issue.
 */
@RestController
class AdminKeys {
  /** The request body. */
  record KeyRequest(String owner, List<String> scopes, List<String> models, String name) {}

  private final Authenticator auth;
  private final ApiKeys keys;

  AdminKeys(Authenticator auth, ApiKeys keys) {
    this.auth = auth;
    this.keys = keys;
  }

  @PostMapping("/admin/keys")
  ResponseEntity<Map<String, Object>> issue(@RequestHeader(value = "Authorization", required = false) String authorization,
      @RequestBody KeyRequest request) {
    auth.admin(authorization);
    if (request == null || request.owner() == null || request.owner().isBlank()) {
      throw ApiException.invalid("missing_owner", "'owner' is required");
    }
    Set<String> scopes = request.scopes() == null || request.scopes().isEmpty() ? Set.of("chat")
        : Set.copyOf(request.scopes());
    Set<String> models = request.models() == null ? Set.of() : Set.copyOf(request.models());
    IssuedKey key = keys.issue(request.owner(), scopes, models, null, request.name());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", key.id().toString());
    body.put("object", "api_key");
    body.put("key", key.plaintext());
    body.put("prefix", key.prefix());
    body.put("owner", request.owner());
    body.put("scopes", scopes);
    return ResponseEntity.status(HttpStatus.CREATED).body(body);
  }
}
