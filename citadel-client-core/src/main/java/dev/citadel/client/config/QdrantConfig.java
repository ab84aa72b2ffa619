package dev.citadel.client.config;

import dev.citadel.client.config.internal.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * Qdrant settings as written in the {@code qdrant:} section. Core only carries them; the vector
 * module connects with them (gRPC).
 *
 * @param host Qdrant host ({@code qdrant.host}, default {@code localhost})
 * @param port Qdrant gRPC port ({@code qdrant.port}, default 6334)
 * @param apiKey API key; masked everywhere; empty for none
 * @param tls whether to use TLS
 * @param timeout default deadline of every call ({@code qdrant.timeout}, default 10 s)
 */
public record QdrantConfig(String host, int port, Secret apiKey, boolean tls, Duration timeout) {

  /** Default gRPC port. */
  public static final int DEFAULT_PORT = 6334;
  /** Default per-call deadline. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Validates every field. */
  public QdrantConfig {
    Checks.host("qdrant.host", host);
    Checks.port("qdrant.port", port);
    apiKey = apiKey == null ? Secret.empty() : apiKey;
    Checks.positive("qdrant.timeout", timeout);
  }

  /** A builder with the documented defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder().host(host).port(port).apiKey(apiKey).tls(tls).timeout(timeout);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private String host = "localhost";
    private int port = DEFAULT_PORT;
    private Secret apiKey = Secret.empty();
    private boolean tls;
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder() {}

    /** Host. */
    public Builder host(String value) {
      this.host = value;
      return this;
    }

    /** gRPC port. */
    public Builder port(int value) {
      this.port = value;
      return this;
    }

    /** API key. */
    public Builder apiKey(Secret value) {
      this.apiKey = Objects.requireNonNull(value, "apiKey");
      return this;
    }

    /** API key in clear text; wrapped in a {@link Secret}. */
    public Builder apiKey(String value) {
      return apiKey(Secret.of(value));
    }

    /** TLS on or off. */
    public Builder tls(boolean value) {
      this.tls = value;
      return this;
    }

    /** Default per-call deadline. */
    public Builder timeout(Duration value) {
      this.timeout = value;
      return this;
    }

    /** Validates and builds. */
    public QdrantConfig build() {
      return new QdrantConfig(host, port, apiKey, tls, timeout);
    }
  }
}
