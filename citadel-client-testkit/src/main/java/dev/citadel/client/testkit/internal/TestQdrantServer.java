package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.QdrantServer;
import dev.citadel.client.testkit.ServerSource;
import dev.citadel.qdrant.local.QdrantLocalServer;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/** The kit's Qdrant from any source: external, a {@code qdrant/qdrant} container, or the local server in-process. */
public final class TestQdrantServer extends BaseServer implements QdrantServer {

  /** The image used where Docker answers: the Qdrant release whose protocol the SDK's client speaks. */
  public static final String IMAGE = "qdrant/qdrant:v1.17.1";
  /** Qdrant's gRPC port. */
  public static final int GRPC_PORT = 6334;
  private static final Duration HEALTH_CHECK_TIMEOUT = Duration.ofSeconds(30);

  private final String apiKey;

  private TestQdrantServer(ServerSource source, String host, int grpcPort, String apiKey) {
    super(source, "Qdrant", host, grpcPort);
    this.apiKey = apiKey;
  }

  /**
   * Checks that the server named by the settings answers a health check and reads its version.
   *
   * @param settings must name {@link Settings#QDRANT_HOST}
   * @return the server
   * @throws IllegalStateException when the host is not set or the server does not answer
   */
  public static TestQdrantServer connect(Settings settings) {
    String host = settings.get(Settings.QDRANT_HOST);
    if (host == null) {
      throw new IllegalStateException(Settings.QDRANT_HOST + " is not set: no external Qdrant is named");
    }
    TestQdrantServer server = new TestQdrantServer(ServerSource.EXTERNAL, host,
        settings.port(Settings.QDRANT_PORT, GRPC_PORT), settings.get(Settings.QDRANT_API_KEY));
    server.readVersion("Cannot reach the external Qdrant at " + host + ":" + server.port() + " named by "
        + Settings.QDRANT_HOST);
    return server;
  }

  /**
   * Starts a {@value #IMAGE} container (no API key) and waits until it answers. It is stopped when the JVM exits.
   *
   * @return the server
   */
  public static TestQdrantServer launchContainer() {
    GenericContainer<?> container = Containers.start(new GenericContainer<>(DockerImageName.parse(IMAGE))
        .withExposedPorts(GRPC_PORT)
        .waitingFor(Wait.forLogMessage(".*gRPC listening.*", 1).withStartupTimeout(Duration.ofMinutes(2))), IMAGE);
    TestQdrantServer server = new TestQdrantServer(ServerSource.TESTCONTAINERS, container.getHost(),
        container.getMappedPort(GRPC_PORT), null);
    server.readVersion("The " + IMAGE + " container started but does not answer");
    return server;
  }

  /**
   * Starts the Qdrant-compatible local server in this JVM, in memory, on a free port of 127.0.0.1 (no API key).
   * It is closed when the JVM exits.
   *
   * @return the server
   */
  public static TestQdrantServer launchLocal() {
    QdrantLocalServer local = QdrantLocalServer.start(0);
    Shutdown.register("close " + local, local::close);
    TestQdrantServer server = new TestQdrantServer(ServerSource.EMBEDDED, local.host(), local.port(), null);
    server.readVersion("The local Qdrant server started but does not answer");
    return server;
  }

  private void readVersion(String failure) {
    QdrantGrpcClient.Builder grpc = QdrantGrpcClient.newBuilder(host(), port(), false, false);
    if (apiKey != null) {
      grpc.withApiKey(apiKey);
    }
    try (QdrantClient client = new QdrantClient(grpc.build())) {
      version(client.healthCheckAsync(HEALTH_CHECK_TIMEOUT).get(HEALTH_CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .getVersion());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(failure + ": interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(failure + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(failure + ": no health check answer within " + HEALTH_CHECK_TIMEOUT, e);
    }
  }

  @Override
  public int grpcPort() {
    return port();
  }

  @Override
  public String apiKey() {
    return apiKey;
  }

  @Override
  public String toString() {
    return describe("QdrantServer", ", api key=" + (apiKey == null ? "none" : "***"));
  }
}
