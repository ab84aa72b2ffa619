package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.ServerSource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static dev.citadel.client.testkit.internal.SourceResolver.Kind.POSTGRES;
import static dev.citadel.client.testkit.internal.SourceResolver.Kind.QDRANT;
import static dev.citadel.client.testkit.internal.SourceResolver.Kind.REDIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceResolverTest {

  private static final BooleanSupplier DOCKER = () -> true;
  private static final BooleanSupplier NO_DOCKER = () -> false;

  @Test
  void externalWinsWhenTheHostVariableIsSet() {
    Settings settings = Settings.of(Map.of(Settings.POSTGRES_HOST, "db.example", Settings.REDIS_HOST, "cache"));

    assertThat(SourceResolver.choose(POSTGRES, settings, DOCKER)).isEqualTo(ServerSource.EXTERNAL);
    assertThat(SourceResolver.choose(REDIS, settings, DOCKER)).isEqualTo(ServerSource.EXTERNAL);
  }

  @Test
  void eachServerIsResolvedOnItsOwn() {
    Settings settings = Settings.of(Map.of(Settings.POSTGRES_HOST, "db.example"));

    assertThat(SourceResolver.choose(POSTGRES, settings, NO_DOCKER)).isEqualTo(ServerSource.EXTERNAL);
    assertThat(SourceResolver.choose(REDIS, settings, NO_DOCKER)).isEqualTo(ServerSource.EMBEDDED);
  }

  @Test
  void qdrantIsResolvedLikeTheOthers() {
    Settings named = Settings.of(Map.of(Settings.QDRANT_HOST, "vectors.example"));

    assertThat(SourceResolver.choose(QDRANT, named, DOCKER)).isEqualTo(ServerSource.EXTERNAL);
    assertThat(SourceResolver.choose(QDRANT, Settings.of(Map.of()), DOCKER)).isEqualTo(ServerSource.TESTCONTAINERS);
    assertThat(SourceResolver.choose(QDRANT, Settings.of(Map.of()), NO_DOCKER)).as("the local server in-process")
        .isEqualTo(ServerSource.EMBEDDED);
    assertThatThrownBy(() -> SourceResolver.choose(QDRANT, Settings.of(Map.of(Settings.MODE, "external")), DOCKER))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(Settings.QDRANT_HOST);
  }

  @Test
  void testcontainersComesSecondWhenDockerAnswers() {
    assertThat(SourceResolver.choose(POSTGRES, Settings.of(Map.of()), DOCKER))
        .isEqualTo(ServerSource.TESTCONTAINERS);
  }

  @Test
  void embeddedIsTheLastResort() {
    assertThat(SourceResolver.choose(POSTGRES, Settings.of(Map.of()), NO_DOCKER)).isEqualTo(ServerSource.EMBEDDED);
  }

  @Test
  void dockerIsNotProbedWhenAnExternalServerIsNamed() {
    AtomicInteger probes = new AtomicInteger();
    Settings settings = Settings.of(Map.of(Settings.REDIS_HOST, "cache"));

    SourceResolver.choose(REDIS, settings, () -> probes.incrementAndGet() > 0);

    assertThat(probes).hasValue(0);
  }

  @Test
  void blankHostCountsAsUnset() {
    Settings settings = Settings.of(Map.of(Settings.POSTGRES_HOST, "  "));

    assertThat(SourceResolver.choose(POSTGRES, settings, NO_DOCKER)).isEqualTo(ServerSource.EMBEDDED);
  }

  @Test
  void forcedEmbeddedIgnoresHostAndDocker() {
    Settings settings = Settings.of(Map.of(Settings.MODE, "EMBEDDED", Settings.POSTGRES_HOST, "db.example"));

    assertThat(SourceResolver.choose(POSTGRES, settings, DOCKER)).isEqualTo(ServerSource.EMBEDDED);
  }

  @Test
  void forcedTestcontainersSkipsExternal() {
    Settings settings = Settings.of(Map.of(Settings.MODE, "testcontainers", Settings.POSTGRES_HOST, "db"));

    assertThat(SourceResolver.choose(POSTGRES, settings, DOCKER)).isEqualTo(ServerSource.TESTCONTAINERS);
  }

  @Test
  void forcedTestcontainersWithoutDockerIsAClearError() {
    Settings settings = Settings.of(Map.of(Settings.MODE, "testcontainers"));

    assertThatThrownBy(() -> SourceResolver.choose(REDIS, settings, NO_DOCKER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CITADEL_TESTKIT_MODE=testcontainers")
        .hasMessageContaining("Docker");
  }

  @Test
  void forcedExternalWithHostIsExternal() {
    Settings settings = Settings.of(Map.of(Settings.MODE, "external", Settings.REDIS_HOST, "cache"));

    assertThat(SourceResolver.choose(REDIS, settings, DOCKER)).isEqualTo(ServerSource.EXTERNAL);
  }

  @Test
  void forcedExternalWithoutHostIsAClearError() {
    Settings settings = Settings.of(Map.of(Settings.MODE, "external"));

    assertThatThrownBy(() -> SourceResolver.choose(POSTGRES, settings, DOCKER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CITADEL_TESTKIT_MODE=external")
        .hasMessageContaining("CITADEL_TEST_POSTGRES_HOST is not set");
  }

  @Test
  void unknownModeIsAClearError() {
    Settings settings = Settings.of(Map.of(Settings.MODE, "docker"));

    assertThatThrownBy(() -> SourceResolver.choose(POSTGRES, settings, DOCKER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("external, testcontainers, embedded")
        .hasMessageContaining("'docker'");
  }

  @Test
  void portsAreValidated() {
    assertThat(Settings.of(Map.of()).port(Settings.POSTGRES_PORT, 5432)).isEqualTo(5432);
    assertThat(Settings.of(Map.of(Settings.POSTGRES_PORT, " 6543 ")).port(Settings.POSTGRES_PORT, 5432))
        .isEqualTo(6543);
    assertThatThrownBy(() -> Settings.of(Map.of(Settings.REDIS_PORT, "70000")).port(Settings.REDIS_PORT, 6379))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(Settings.REDIS_PORT);
  }

  @Test
  void systemPropertyWinsOverEnvironment() {
    String name = "CITADEL_TESTKIT_UNIT_TEST_PROPERTY";
    System.setProperty(name, "from-property");
    try {
      assertThat(Settings.fromEnvironment().get(name)).isEqualTo("from-property");
    } finally {
      System.clearProperty(name);
    }
    assertThat(Settings.fromEnvironment().get(name)).isNull();
  }
}
