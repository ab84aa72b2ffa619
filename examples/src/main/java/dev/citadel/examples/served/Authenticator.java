package dev.citadel.examples.served;

import dev.citadel.client.auth.ApiKeys;
import dev.citadel.client.auth.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** {@code Authorization: Bearer ck_...} checked with the SDK's {@link ApiKeys}. */
@Component
class Authenticator {
  static final String ADMIN_SCOPE = "admin";
  private static final String BEARER = "Bearer ";

  private final ApiKeys keys;
  private final SdkCalls sdk;

  Authenticator(ApiKeys keys, SdkCalls sdk) {
    this.keys = keys;
    this.sdk = sdk;
  }

  /**
   * The key's principal.
   *
   * @throws ApiException 401 when the header is missing or not a bearer token
   * @throws dev.citadel.client.auth.ApiKeyRejectedException 401 when the key is refused
   */
  Principal authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw ApiException.unauthorized("missing_api_key", "send the key as 'Authorization: Bearer ck_...'");
    }
    if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw ApiException.unauthorized("invalid_authorization", "the Authorization header must be 'Bearer ck_...'");
    }
    String key = authorization.substring(BEARER.length()).trim();
    return sdk.time("authenticate", () -> keys.authenticate(key));
  }

  /** The principal of a key with the {@code admin} scope. */
  Principal admin(String authorization) {
    Principal principal = authenticate(authorization);
    if (!principal.hasScope(ADMIN_SCOPE)) {
      throw new ApiException(HttpStatus.FORBIDDEN, "permission_error", "admin_scope_required",
          "this endpoint needs a key with the 'admin' scope");
    }
    return principal;
  }
}
