package dev.citadel.client.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.UnavailableException;
import dev.citadel.client.config.Secret;
import dev.citadel.client.config.TlsMode;
import dev.citadel.client.config.TlsOptions;
import dev.citadel.client.resilience.BreakerState;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.vector.config.QdrantConfig;
import dev.citadel.client.vector.support.SelfSignedCertificate;
import dev.citadel.client.vector.support.VectorTestConfigs;
import dev.citadel.qdrant.local.QdrantLocalServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outages, the breaker, health when down, API keys and TLS, against the local server. */
class VectorsResilienceAndSecurityIT {

  @Test
  void anOutageIsUnavailableAfterRetriesThenTheBreakerOpensThenRecovers() {
    try (QdrantLocalServer server = QdrantLocalServer.start(0);
        CitadelVectors vectors = CitadelVectors.create(VectorTestConfigs.vectors(VectorTestConfigs
            .qdrant(CitadelTestKit.qdrant(server)).callTimeout(Duration.ofSeconds(2)).build()))) {
      vectors.ensure(CollectionSpec.builder("c", 1).build());
      server.stop();

      assertThatThrownBy(() -> vectors.count("c", VectorFilter.none()))
          .isInstanceOfSatisfying(UnavailableException.class, e -> {
            assertThat(e.backend()).isEqualTo("qdrant");
            assertThat(e.breakerOpen()).isFalse();
          })
          .hasMessageContaining("after 3 attempts").hasMessageContaining("UNAVAILABLE");
      assertThatThrownBy(() -> vectors.count("c", VectorFilter.none())).isInstanceOf(UnavailableException.class);
      assertThat(vectors.breakerState()).as("5 consecutive transient failures").isEqualTo(BreakerState.OPEN);
      assertThatThrownBy(() -> vectors.count("c", VectorFilter.none()))
          .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.breakerOpen()).isTrue());
      var health = vectors.health();
      assertThat(health.healthy()).isFalse();
      assertThat(health.check("qdrant").orElseThrow().detail()).contains("unreachable");

      server.restart();
      Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
          .until(() -> vectors.count("c", VectorFilter.none()) == 0);
      assertThat(vectors.health().healthy()).isTrue();
    }
  }

  @Test
  void theApiKeyIsSentAndNeverShown() {
    String key = "vec-key-" + System.nanoTime();
    try (QdrantLocalServer server = QdrantLocalServer.builder().apiKey(key).start()) {
      QdrantConfig withKey = VectorTestConfigs.qdrant(CitadelTestKit.qdrant(server)).build();
      assertThat(withKey.apiKey().isEmpty()).as("the kit hands out the server's key").isFalse();
      try (CitadelVectors vectors = CitadelVectors.create(VectorTestConfigs.vectors(withKey))) {
        assertThat(vectors.ensure(CollectionSpec.builder("secured", 2).build())).isTrue();
        assertThat(vectors.toString()).doesNotContain(key).contains("******");
        assertThat(withKey.toString()).doesNotContain(key);
      }
      try (CitadelVectors anonymous = CitadelVectors.create(VectorTestConfigs.vectors(
          VectorTestConfigs.qdrant(CitadelTestKit.qdrant(server)).apiKey(Secret.empty()).build()))) {
        assertThatThrownBy(() -> anonymous.count("secured", VectorFilter.none()))
            .isInstanceOfSatisfying(VectorRequestException.class,
                e -> assertThat(e.statusCode()).isEqualTo("UNAUTHENTICATED"))
            .hasMessageNotContaining(key);
        assertThat(anonymous.health().check("qdrant").orElseThrow().isUp())
            .as("health checks need no key, as in Qdrant").isTrue();
      }
    }
  }

  @Test
  void tlsWithAConfiguredCertificateAuthority(@TempDir Path dir) throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.create(dir);
    try (QdrantLocalServer server = QdrantLocalServer.builder().tls(cert.certificate(), cert.privateKey()).start()) {
      QdrantConfig tls = VectorTestConfigs.qdrant(CitadelTestKit.qdrant(server)).build();
      assertThat(tls.tls().mode()).as("the kit trusts the server's own certificate").isEqualTo(TlsMode.VERIFY_FULL);
      assertThat(tls.tls().caFile()).isEqualTo(cert.certificate().toString());
      try (CitadelVectors vectors = CitadelVectors.create(VectorTestConfigs.vectors(tls))) {
        vectors.ensure(CollectionSpec.builder("over_tls", 2).build());
        vectors.upsert("over_tls", List.of(new VectorPoint(PointId.of(1), new float[] {1, 0}, Map.of())));
        assertThat(vectors.count("over_tls", VectorFilter.none())).isEqualTo(1);
      }
      try (CitadelVectors plaintext = CitadelVectors.create(VectorTestConfigs.vectors(
          VectorTestConfigs.qdrant(CitadelTestKit.qdrant(server)).tls(TlsOptions.disabled()).build()))) {
        assertThatThrownBy(() -> plaintext.count("over_tls", VectorFilter.none()))
            .isInstanceOf(UnavailableException.class);
      }
    }
  }
}
