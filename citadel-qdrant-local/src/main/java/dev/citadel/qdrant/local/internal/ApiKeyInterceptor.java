package dev.citadel.qdrant.local.internal;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Qdrant's gRPC authentication (src/tonic/auth.rs): with an API key configured, every call but
 * the two health checks needs {@code api-key: <key>} or {@code authorization: Bearer <key>},
 * else UNAUTHENTICATED.
 */
public final class ApiKeyInterceptor implements ServerInterceptor {
  private static final Metadata.Key<String> API_KEY = Metadata.Key.of("api-key", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final byte[] key;

  public ApiKeyInterceptor(String key) {
    this.key = key.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    if (method.equals("qdrant.Qdrant/HealthCheck") || method.equals("grpc.health.v1.Health/Check")) {
      return next.startCall(call, headers);
    }
    String given = headers.get(API_KEY);
    String bearer = headers.get(AUTHORIZATION);
    if (given == null && bearer != null && bearer.startsWith("Bearer ")) {
      given = bearer.substring(7);
    }
    if (given == null) {
      call.close(Status.UNAUTHENTICATED.withDescription("Must provide an API key or an Authorization bearer token"),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    if (!MessageDigest.isEqual(key, given.getBytes(StandardCharsets.UTF_8))) {
      call.close(Status.UNAUTHENTICATED.withDescription("Invalid API key or JWT"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
