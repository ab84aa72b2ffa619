package dev.citadel.client.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.config.TlsMode;
import dev.citadel.client.config.TlsOptions;
import dev.citadel.client.db.Database;
import dev.citadel.client.support.StderrLog;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The one WARN a client logs when it will reach a PostgreSQL host that is not this machine with
 * {@code database.tls.mode} {@code prefer}, {@code allow} or {@code disable}, as slf4j-simple
 * writes it. Creating the client opens no connection (the pools start on first use), so the hosts
 * need not exist.
 */
class UnsafeTlsModeWarningTest {
  private static final String PASSWORD = "warning-test-password-5f2c";

  @RegisterExtension final StderrLog log = new StderrLog();

  private static CitadelConfig config(String host, TlsMode mode) {
    return CitadelConfig.builder().clientName("warning_test").database(DatabaseConfig.builder().host(host).port(5439).database("app").user("app").password(PASSWORD)
        .connectTimeout(Duration.ofSeconds(1))
        .pool(PoolConfig.builder().minConnections(0).build())
        .tls(TlsOptions.builder().mode(mode).build()).build()).build();
  }

  private List<String> warnings() {
    return log.text().lines().filter(l -> l.contains("WARN")).toList();
  }

  @Test
  void aRemoteHostWithPreferLogsOneWarningNamingTheKeyAndTheSaferValue() {
    try (Database db = Database.create(config("db.internal.example", TlsMode.PREFER))) {
      assertThat(db.config().tls().mode()).isEqualTo(TlsMode.PREFER);
    }
    List<String> warnings = warnings();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0))
        .contains("WARN dev.citadel.client.db.Database - PostgreSQL host db.internal.example is not this machine")
        .contains("database.tls.mode is 'prefer'")
        .contains("may fall back to plain text").contains("set database.tls.mode: verify-full")
        .doesNotContain(PASSWORD);
  }

  @Test
  void disableOnARemoteAddressSaysPlainText() {
    try (Database db = Database.create(config("10.20.30.40", TlsMode.DISABLE))) {
      assertThat(db.config().host()).isEqualTo("10.20.30.40");
    }
    assertThat(warnings()).singleElement().asString().contains("10.20.30.40").contains("'disable'")
        .contains("password exchange included, is plain text");
  }

  @Test
  void safeModesAndALoopbackHostLogNothing() {
    for (CitadelConfig quiet : List.of(config("db.internal.example", TlsMode.VERIFY_FULL),
        config("db.internal.example", TlsMode.REQUIRE), config("127.0.0.1", TlsMode.PREFER))) {
      try (Database db = Database.create(quiet)) {
        assertThat(db.config()).isEqualTo(quiet.database());
      }
    }
    assertThat(warnings()).isEmpty();
  }
}
