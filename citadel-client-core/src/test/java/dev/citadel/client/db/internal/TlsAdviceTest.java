package dev.citadel.client.db.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.TlsMode;
import dev.citadel.client.config.TlsOptions;
import org.junit.jupiter.api.Test;

class TlsAdviceTest {

  private static DatabaseConfig config(String host, String directHost, TlsMode mode) {
    DatabaseConfig.Builder b = DatabaseConfig.builder().host(host).database("app").user("app")
        .tls(TlsOptions.builder().mode(mode).build());
    if (directHost != null) {
      b.directHost(directHost);
    }
    return b.build();
  }

  @Test
  void aRemoteHostWithAModeThatMayFallBackToPlainTextIsWarnedAboutNamingTheKeyAndTheSaferValue() {
    for (TlsMode mode : new TlsMode[] {TlsMode.PREFER, TlsMode.ALLOW, TlsMode.DISABLE}) {
      assertThat(TlsAdvice.warning(config("db.internal.example", null, mode))).hasValueSatisfying(w -> assertThat(w)
          .contains("db.internal.example").contains("database.tls.mode").contains("'" + mode.value() + "'")
          .contains("verify-full"));
    }
    assertThat(TlsAdvice.warning(config("10.1.2.3", null, TlsMode.PREFER))).isPresent();
    assertThat(TlsAdvice.warning(config("localhost", "10.1.2.4", TlsMode.PREFER)))
        .hasValueSatisfying(w -> assertThat(w).contains("10.1.2.4").doesNotContain("localhost"));
  }

  @Test
  void loopbackHostsAndSafeModesAreNot() {
    for (String host : new String[] {"localhost", "127.0.0.1", "127.8.9.10", "::1", "[::1]"}) {
      assertThat(TlsAdvice.warning(config(host, null, TlsMode.PREFER))).as(host).isEmpty();
    }
    for (TlsMode mode : new TlsMode[] {TlsMode.REQUIRE, TlsMode.VERIFY_CA, TlsMode.VERIFY_FULL}) {
      assertThat(TlsAdvice.warning(config("db.internal.example", null, mode))).as(mode.value()).isEmpty();
    }
  }

  @Test
  void replicaAndReadHostsCountToo() {
    DatabaseConfig replicated = DatabaseConfig.builder().host("localhost").database("app").user("app")
        .hosts(java.util.List.of("127.0.0.1:5432", "replica-1.internal.example:5433"))
        .readHosts(java.util.List.of("replica-2.internal.example:5432"))
        .tls(TlsOptions.builder().mode(TlsMode.PREFER).build()).build();
    assertThat(TlsAdvice.warning(replicated)).hasValueSatisfying(w -> assertThat(w)
        .contains("replica-1.internal.example").contains("replica-2.internal.example")
        .doesNotContain("127.0.0.1").doesNotContain(":5433"));
  }
}
