package dev.citadel.client.testkit;

import dev.citadel.client.testkit.internal.Servers;
import dev.citadel.client.testkit.internal.Settings;
import dev.citadel.client.testkit.internal.TestQdrantServer;
import dev.citadel.qdrant.local.QdrantLocalServer;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kit's Qdrant: shared, answering the official client, and external mode against a local server. */
class QdrantIT {

  private static final String LOCAL = "127.0.0.1";

  private static QdrantClient client(QdrantServer server) {
    QdrantGrpcClient.Builder grpc = QdrantGrpcClient.newBuilder(server.host(), server.grpcPort(), false, false);
    if (server.apiKey() != null) {
      grpc.withApiKey(server.apiKey());
    }
    return new QdrantClient(grpc.build());
  }

  @Test
  void theSharedQdrantIsResolvedOnceAndServesTheOfficialClient() throws Exception {
    QdrantServer qdrant = CitadelTestKit.qdrant();

    assertThat(CitadelTestKit.qdrant()).isSameAs(qdrant);
    assertThat(qdrant.version()).isNotEqualTo("unknown");
    if (qdrant.source() == ServerSource.EMBEDDED) {
      assertThat(qdrant.host()).isEqualTo(LOCAL);
      assertThat(qdrant.apiKey()).isNull();
    }
    String collection = "testkit_" + UUID.randomUUID().toString().replace("-", "");
    try (QdrantClient client = client(qdrant)) {
      client.createCollectionAsync(collection, VectorParams.newBuilder().setSize(2).setDistance(Distance.Cosine)
          .build()).get(30, TimeUnit.SECONDS);
      assertThat(client.collectionExistsAsync(collection).get(30, TimeUnit.SECONDS)).isTrue();
      client.deleteCollectionAsync(collection).get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void externalQdrantIsUsedAsNamedWithItsApiKey() throws Exception {
    String key = "qk-" + UUID.randomUUID();
    try (QdrantLocalServer named = QdrantLocalServer.builder().apiKey(key).start()) {
      QdrantServer qdrant = Servers.qdrant(Settings.of(Map.of(Settings.QDRANT_HOST, named.host(),
          Settings.QDRANT_PORT, Integer.toString(named.port()), Settings.QDRANT_API_KEY, key)));

      assertThat(qdrant.source()).isEqualTo(ServerSource.EXTERNAL);
      assertThat(qdrant.host()).isEqualTo(named.host());
      assertThat(qdrant.grpcPort()).isEqualTo(named.port());
      assertThat(qdrant.apiKey()).isEqualTo(key);
      assertThat(qdrant.version()).isEqualTo("1.17.0");
      assertThat(qdrant.toString()).contains("EXTERNAL").doesNotContain(key);
      try (QdrantClient client = client(qdrant)) {
        assertThat(client.listCollectionsAsync().get(30, TimeUnit.SECONDS)).isEmpty();
      }
    }
  }

  @Test
  void aPrivateLocalServerGivesItsOwnValuesKeyIncludedAndFollowsARestart() throws Exception {
    String key = "qk-" + UUID.randomUUID();
    try (QdrantLocalServer local = QdrantLocalServer.builder().apiKey(key).start()) {
      QdrantServer qdrant = CitadelTestKit.qdrant(local);

      assertThat(qdrant.source()).isEqualTo(ServerSource.EMBEDDED);
      assertThat(qdrant.configValues()).containsExactlyInAnyOrderEntriesOf(Map.of("qdrant.host", local.host(),
          "qdrant.port", Integer.toString(local.port()), "qdrant.api_key", key));
      assertThat(qdrant.toString()).doesNotContain(key);
      try (QdrantClient client = client(qdrant)) {
        assertThat(client.listCollectionsAsync().get(30, TimeUnit.SECONDS)).isEmpty();
      }
      local.restart();
      assertThat(qdrant.configValues()).containsEntry("qdrant.port", Integer.toString(local.port()));
    }
    try (QdrantLocalServer plain = QdrantLocalServer.start(0)) {
      assertThat(CitadelTestKit.qdrant(plain).configValues()).containsOnlyKeys("qdrant.host", "qdrant.port");
    }
  }

  @Test
  void unreachableExternalQdrantIsAClearError() {
    int closedPort = closedPort();
    Settings settings = Settings.of(Map.of(Settings.QDRANT_HOST, LOCAL,
        Settings.QDRANT_PORT, Integer.toString(closedPort), Settings.QDRANT_API_KEY, "k3y-not-logged"));

    assertThatThrownBy(() -> TestQdrantServer.connect(settings))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(LOCAL + ":" + closedPort)
        .hasMessageContaining(Settings.QDRANT_HOST)
        .message().doesNotContain("k3y-not-logged");
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOCAL))) {
      return socket.getLocalPort(); // free once closed
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
