package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.QdrantServer;
import dev.citadel.client.testkit.ServerSource;
import dev.citadel.qdrant.local.QdrantLocalServer;
import dev.citadel.qdrant.local.internal.HealthServices;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A test's own {@link QdrantLocalServer} (one it stops, restarts or secures) seen as a kit
 * {@link QdrantServer}: host, port, API key and TLS are read from the server on every call, so the
 * values stay right across a restart. The test keeps owning (and closing) the server.
 */
public final class PrivateQdrantServer implements QdrantServer {
  private final QdrantLocalServer server;

  /**
   * Wraps {@code server}.
   *
   * @param server a started local server
   */
  public PrivateQdrantServer(QdrantLocalServer server) {
    this.server = Objects.requireNonNull(server, "server");
  }

  @Override
  public ServerSource source() {
    return ServerSource.EMBEDDED;
  }

  @Override
  public String host() {
    return server.host();
  }

  @Override
  public int grpcPort() {
    return server.port();
  }

  @Override
  public String apiKey() {
    return server.apiKey();
  }

  @Override
  public String version() {
    return HealthServices.PROTOCOL_VERSION;
  }

  /** The {@code qdrant.*} values, plus {@code qdrant.tls.*} (verify-full, trusting the server's own chain) over TLS. */
  @Override
  public Map<String, String> configValues() {
    Map<String, String> values = QdrantServer.super.configValues();
    Path chain = server.tlsCertificateChain();
    if (chain != null) {
      values.put("qdrant.tls.mode", "verify-full");
      values.put("qdrant.tls.ca_file", chain.toString());
    }
    return values;
  }

  @Override
  public String toString() {
    return "QdrantServer[private " + server + "]";
  }
}
