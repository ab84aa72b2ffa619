package dev.citadel.client.tls;

import static dev.citadel.client.db.RowMapper.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.citadel.client.AuthenticationException;
import dev.citadel.client.TlsException;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.config.ResilienceConfig;
import dev.citadel.client.config.TlsMode;
import dev.citadel.client.config.TlsOptions;
import dev.citadel.client.db.Database;
import dev.citadel.client.testkit.DedicatedPostgres;
import dev.citadel.client.testkit.TestCertificates;
import dev.citadel.client.testkit.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A PostgreSQL that refuses plain-text logins, with a certificate for {@code localhost} from a
 * throwaway CA generated for this run. With {@code database.tls.mode: verify-full} and that CA as
 * {@code database.tls.ca_file}, the client connects (pooled and direct, migrations included)
 * over TLS; a host name the certificate does not name, a CA the client does not trust, or no TLS
 * at all fail with typed errors that say why ({@link TlsException} for the handshake).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsVerifyFullIT {
  private TestCertificates certificates;
  private TestCertificates otherCa;
  private DedicatedPostgres server;
  private TestDatabase testDb;

  @BeforeAll
  void startServer() {
    certificates = TestCertificates.generate("localhost");
    otherCa = TestCertificates.generate("localhost");
    server = DedicatedPostgres.builder().tls(certificates).requireTls(true).start();
    testDb = server.createDatabase();
  }

  @AfterAll
  void stopServer() {
    if (testDb != null) {
      testDb.close();
    }
    if (server != null) {
      server.close();
    }
    if (certificates != null) {
      certificates.close();
    }
    if (otherCa != null) {
      otherCa.close();
    }
  }

  @Test
  void verifyFullConnectsMigratesAndEncryptsBothEndpoints() {
    try (Database db = Database.create(config("localhost", TlsMode.VERIFY_FULL, certificates.caCertificate()))) {
      db.migrate();
      String sql = "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()";
      assertThat(db.queryOne(sql, column(Boolean.class))).isTrue();
      assertThat(db.direct().queryOne(sql, column(Boolean.class))).isTrue();
      assertThat(db.forModel("mixtral").queryOne("SELECT current_schema()", column(String.class))).isEqualTo("mixtral");
    }
  }

  @Test
  void aHostNameTheCertificateDoesNotNameIsRefusedSayingSo() {
    try (Database db = Database.create(config("127.0.0.1", TlsMode.VERIFY_FULL, certificates.caCertificate()))) {
      Throwable failure = catchThrowable(() -> db.queryOne("SELECT 1", column(Integer.class)));
      assertThat(failure).isInstanceOfSatisfying(TlsException.class,
              e -> assertThat(e.reason()).isEqualTo(TlsException.Reason.HOST_NAME_MISMATCH))
          .hasMessageContaining("127.0.0.1")
          .hasMessageContaining("could not be verified");
    }
  }

  @Test
  void aCertificateFromAnUntrustedCaIsRefusedSayingSo() {
    try (Database db = Database.create(config("localhost", TlsMode.VERIFY_FULL, otherCa.caCertificate()))) {
      Throwable failure = catchThrowable(() -> db.queryOne("SELECT 1", column(Integer.class)));
      assertThat(failure).isInstanceOfSatisfying(TlsException.class,
          e -> assertThat(e.reason()).isEqualTo(TlsException.Reason.UNKNOWN_CA)).hasMessageContaining("SSL error");
      assertThat(causes(failure, SSLException.class)).as("the TLS handshake failed").isTrue();
    }
  }

  @Test
  void plainTextIsRefusedByTheServer() {
    try (Database db = Database.create(config("localhost", TlsMode.DISABLE, null))) {
      Throwable failure = catchThrowable(() -> db.queryOne("SELECT 1", column(Integer.class)));
      assertThat(failure).isInstanceOfSatisfying(AuthenticationException.class,
          e -> assertThat(e.sqlState()).isEqualTo("28000"))
          .hasMessageContaining("no encryption");
    }
  }

  private CitadelConfig config(String host, TlsMode mode, Path rootCert) {
    return CitadelConfig.builder()
        .clientName("tls")
        .database(DatabaseConfig.builder()
            .host(host)
            .port(server.port())
            .database(testDb.name())
            .user(server.username())
            .password(server.password())
            .tls(TlsOptions.builder().mode(mode).caFile(rootCert == null ? null : rootCert.toString()).build())
            .connectTimeout(Duration.ofSeconds(2))
            .pool(PoolConfig.builder().minConnections(0).maxConnections(4)
                .waitTimeout(Duration.ofSeconds(2)).build())
            .build())
        .resilience(ResilienceConfig.builder().maxAttempts(1).build())
        .build();
  }

  private static boolean causes(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
