package dev.citadel.client.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A running Qdrant-speaking server for tests, as returned by {@link CitadelTestKit#qdrant()}: a real Qdrant
 * ({@link ServerSource#EXTERNAL} or {@link ServerSource#TESTCONTAINERS}) or the project's Qdrant-compatible local
 * server started in this JVM ({@link ServerSource#EMBEDDED}, from the {@code citadel-qdrant-local} module).
 *
 * <p>Clients speak Qdrant's gRPC protocol, in plain text, to {@link #host()}:{@link #grpcPort()}. The server is
 * shared by the whole JVM: tests use collection names of their own. Implementations are thread-safe;
 * {@code toString()} never contains the API key.
 */
public interface QdrantServer extends ConfigValues {

  /**
   * Tells where this server comes from.
   *
   * @return the source of this server
   */
  ServerSource source();

  /**
   * Returns the host name or address clients connect to.
   *
   * @return the host, e.g. {@code 127.0.0.1}
   */
  String host();

  /**
   * Returns the gRPC port clients connect to (Qdrant's 6334 inside a container, mapped to a free one).
   *
   * @return the gRPC port
   */
  int grpcPort();

  /**
   * Returns the API key clients must send (Qdrant's {@code api-key} header).
   *
   * @return the key, or {@code null} when the server requires none
   */
  String apiKey();

  /**
   * Returns the version the server reported to a health check when it was resolved: Qdrant's release, or for the
   * local server the Qdrant protocol version it speaks.
   *
   * @return the version, e.g. {@code 1.17.1}
   */
  String version();

  /**
   * Returns this server as citadel-client's {@code qdrant.*} settings: host, gRPC port, and the
   * API key when it has one.
   *
   * @return the values
   */
  @Override
  default Map<String, String> configValues() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("qdrant.host", host());
    values.put("qdrant.port", Integer.toString(grpcPort()));
    if (apiKey() != null) {
      values.put("qdrant.api_key", apiKey());
    }
    return values;
  }
}
