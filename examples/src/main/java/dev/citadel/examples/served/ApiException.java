package dev.citadel.examples.served;

import org.springframework.http.HttpStatus;

/**
 * A request the service refuses, with the HTTP status and the {@code type} and {@code code} of
 * the error body ({@link ApiErrors}).
 */
class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final String type;
  private final String code;

  ApiException(HttpStatus status, String type, String code, String message) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = code;
  }

  static ApiException invalid(String code, String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, "invalid_request_error", code, message);
  }

  static ApiException unauthorized(String code, String message) {
    return new ApiException(HttpStatus.UNAUTHORIZED, "authentication_error", code, message);
  }

  HttpStatus status() {
    return status;
  }

  String type() {
    return type;
  }

  String code() {
    return code;
  }
}
