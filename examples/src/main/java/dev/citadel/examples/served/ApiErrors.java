package dev.citadel.examples.served;

import dev.citadel.client.CitadelException;
import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.NotFoundException;
import dev.citadel.client.UnavailableException;
import dev.citadel.client.UnknownModelException;
import dev.citadel.client.auth.ApiKeyRejectedException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error as one JSON shape, OpenAI's: {@code {"error": {"type": ..., "message": ..., "code":
 * ...}}}, with the status that says what happened: 400 bad request, 401 missing or refused key,
 * 403 key without the scope, 404 unknown model or path, 405, 415, 429 rate limited (with
 * {@code Retry-After}), 502 the simulated model failed, 503 a backend (PostgreSQL, Redis, Qdrant)
 * is unavailable (with {@code Retry-After}), 500 anything else. Never a stack trace; a 500 is
 * logged once here with its cause.
 */
@RestControllerAdvice
class ApiErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  /** The body of an error response. */
  static Map<String, Object> body(String type, String code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", type);
    error.put("message", message);
    error.put("code", code);
    return Map.of("error", error);
  }

  static ResponseEntity<Map<String, Object>> response(HttpStatus status, String type, String code, String message) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body(type, code, message));
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Map<String, Object>> api(ApiException e) {
    ResponseEntity<Map<String, Object>> r = response(e.status(), e.type(), e.code(), e.getMessage());
    if (e.status() == HttpStatus.TOO_MANY_REQUESTS && e instanceof RateLimitedException limited) {
      return ResponseEntity.status(r.getStatusCode()).headers(r.getHeaders())
          .header(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds())).body(r.getBody());
    }
    return r;
  }

  @ExceptionHandler(ApiKeyRejectedException.class)
  ResponseEntity<Map<String, Object>> rejected(ApiKeyRejectedException e) {
    return response(HttpStatus.UNAUTHORIZED, "authentication_error", "invalid_api_key",
        "the API key was refused (" + e.reason().name().toLowerCase(java.util.Locale.ROOT) + ")");
  }

  @ExceptionHandler(UnknownModelException.class)
  ResponseEntity<Map<String, Object>> unknownModel(UnknownModelException e) {
    return response(HttpStatus.NOT_FOUND, "invalid_request_error", "model_not_found", e.getMessage());
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<Map<String, Object>> notFound(NotFoundException e) {
    return response(HttpStatus.NOT_FOUND, "invalid_request_error", "not_found", e.getMessage());
  }

  @ExceptionHandler(InvalidArgumentException.class)
  ResponseEntity<Map<String, Object>> invalid(InvalidArgumentException e) {
    return response(HttpStatus.BAD_REQUEST, "invalid_request_error", "invalid_value", e.getMessage());
  }

  @ExceptionHandler(UnavailableException.class)
  ResponseEntity<Map<String, Object>> unavailable(UnavailableException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_JSON)
        .header(HttpHeaders.RETRY_AFTER, "5")
        .body(body("service_unavailable", "backend_unavailable",
            "a backend of the service is unavailable (" + e.backend() + "); retry later"));
  }

  @ExceptionHandler(SimulatedModel.ModelFailedException.class)
  ResponseEntity<Map<String, Object>> modelFailed(SimulatedModel.ModelFailedException e) {
    return response(HttpStatus.BAD_GATEWAY, "model_error", "model_failed", e.getMessage());
  }

  @ExceptionHandler({HttpMessageNotReadableException.class, MissingServletRequestParameterException.class})
  ResponseEntity<Map<String, Object>> unreadable(Exception e) {
    return response(HttpStatus.BAD_REQUEST, "invalid_request_error", "invalid_body",
        e instanceof MissingServletRequestParameterException m ? m.getMessage()
            : "the request body is not valid JSON of the expected shape");
  }

  @ExceptionHandler(MissingRequestHeaderException.class)
  ResponseEntity<Map<String, Object>> missingHeader(MissingRequestHeaderException e) {
    return response(HttpStatus.UNAUTHORIZED, "authentication_error", "missing_api_key",
        "send the key as 'Authorization: Bearer ck_...'");
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<Map<String, Object>> noPath(NoResourceFoundException e) {
    return response(HttpStatus.NOT_FOUND, "invalid_request_error", "unknown_url",
        "no such endpoint: " + e.getHttpMethod() + " /" + e.getResourcePath());
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
    return response(HttpStatus.METHOD_NOT_ALLOWED, "invalid_request_error", "method_not_allowed", e.getMessage());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
    return response(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invalid_request_error", "unsupported_media_type",
        "send Content-Type: application/json");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> other(Exception e) {
    LOG.error("request failed", e);
    String message = e instanceof CitadelException ? "the request failed: " + e.getMessage()
        : "the request failed; see the service's log";
    return response(HttpStatus.INTERNAL_SERVER_ERROR, "server_error", "internal_error", message);
  }

  /** A 429 with the time after which the key may send again. */
  static final class RateLimitedException extends ApiException {
    private final long retryAfterSeconds;

    RateLimitedException(String message, long retryAfterSeconds) {
      super(HttpStatus.TOO_MANY_REQUESTS, "rate_limit_error", "rate_limit_exceeded", message);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }
}
