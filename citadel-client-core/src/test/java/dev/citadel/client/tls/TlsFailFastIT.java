package dev.citadel.client.tls;

import static dev.citadel.client.db.RowMapper.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.citadel.client.TlsException;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.PoolConfig;
import dev.citadel.client.config.ResilienceConfig;
import dev.citadel.client.config.TlsMode;
import dev.citadel.client.config.TlsOptions;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.Endpoint;
import dev.citadel.client.resilience.BreakerState;
import dev.citadel.client.testkit.DedicatedPostgres;
import dev.citadel.client.testkit.TcpProxy;
import dev.citadel.client.testkit.TestCertificates;
import dev.citadel.client.testkit.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A TLS handshake failure with PostgreSQL is a {@link TlsException} naming what failed, raised at
 * the first attempt: the client is configured to retry outages three times, and the kit's proxy
 * in front of the server counts the connections it was asked for. Servers: one with a
 * certificate for {@code localhost} only (reached as {@code 127.0.0.1}: a host name mismatch; or
 * with another CA: unknown CA), one whose certificate expired two days ago.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsFailFastIT {
  private TestCertificates valid;
  private TestCertificates expired;
  private TestCertificates otherCa;
  private DedicatedPostgres server;
  private DedicatedPostgres expiredServer;
  private DedicatedPostgres oldProtocolServer;
  private TestDatabase testDb;
  private TestDatabase expiredDb;
  private TestDatabase oldProtocolDb;

  @BeforeAll
  void startServers() {
    valid = TestCertificates.generate("localhost");
    expired = TestCertificates.generateExpired("127.0.0.1", "localhost");
    otherCa = TestCertificates.generate("127.0.0.1", "localhost");
    server = DedicatedPostgres.builder().tls(valid).requireTls(true).start();
    testDb = server.createDatabase();
    expiredServer = DedicatedPostgres.builder().tls(expired).requireTls(true).start();
    expiredDb = expiredServer.createDatabase();
    oldProtocolServer = DedicatedPostgres.builder().tls(otherCa).requireTls(true).start();
    oldProtocolDb = oldProtocolServer.createDatabase();
    // The server (a superuser, over TLS it still speaks) restricted to TLS 1.0-1.1, which the JDK's
    // client has disabled: no protocol version in common.
    try (Database admin = Database.create(config(null, oldProtocolServer, oldProtocolDb, otherCa.caCertificate()))) {
      admin.update("ALTER SYSTEM SET ssl_min_protocol_version = 'TLSv1'");
      admin.update("ALTER SYSTEM SET ssl_max_protocol_version = 'TLSv1.1'");
      admin.queryOne("SELECT pg_reload_conf()", column(Boolean.class));
    }
  }

  @AfterAll
  void stopServers() {
    // oldProtocolDb goes with its server: no client of this JVM can reach it any more to drop it.
    for (AutoCloseable c : new AutoCloseable[] {testDb, expiredDb, server, expiredServer, oldProtocolServer,
        valid, expired, otherCa}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  @Test
  void anUntrustedCaFailsFastAsUnknownCa() {
    assertFailsFast(server, testDb, otherCa.caCertificate(), TlsException.Reason.UNKNOWN_CA, "unknown CA");
  }

  @Test
  void aHostNameTheCertificateDoesNotNameFailsFastAsHostNameMismatch() {
    assertFailsFast(server, testDb, valid.caCertificate(), TlsException.Reason.HOST_NAME_MISMATCH, "host name mismatch");
  }

  @Test
  void anExpiredCertificateFailsFastAsExpired() {
    assertFailsFast(expiredServer, expiredDb, expired.caCertificate(), TlsException.Reason.EXPIRED, "certificate expired");
  }

  @Test
  void noProtocolVersionInCommonFailsFastAsProtocol() {
    assertFailsFast(oldProtocolServer, oldProtocolDb, otherCa.caCertificate(), TlsException.Reason.PROTOCOL,
        "protocol mismatch");
  }

  private void assertFailsFast(DedicatedPostgres pg, TestDatabase database, Path ca, TlsException.Reason reason, String words) {
    try (TcpProxy proxy = TcpProxy.start("127.0.0.1", pg.port());
         Database db = Database.create(config(proxy, pg, database, ca))) {
      long started = System.nanoTime();
      Throwable failure = catchThrowable(() -> db.queryOne("SELECT 1", column(Integer.class)));
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(failure).isInstanceOfSatisfying(TlsException.class, e -> {
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.backend()).startsWith("postgres");
      });
      assertThat(failure.getMessage()).contains(words).contains("database.tls.mode")
          .doesNotContain(pg.password());
      assertThat(took).as("no wait for the pool's 10 s timeout, no retries").isLessThan(Duration.ofSeconds(5));
      assertThat(proxy.connectionsAccepted()).as("one connection attempt, not retried").isEqualTo(1);
      assertThat(db.breakerState(Endpoint.POOLED)).as("a breaker that opens after one outage stays closed")
          .isEqualTo(BreakerState.CLOSED);
    }
  }

  /** A client of {@code database} through {@code proxy} (directly when null) under verify-full with {@code ca}. */
  private static CitadelConfig config(TcpProxy proxy, DedicatedPostgres pg, TestDatabase database, Path ca) {
    return CitadelConfig.builder()
        .clientName("tls-fail-fast")
        .database(DatabaseConfig.builder()
            .host(proxy == null ? "127.0.0.1" : proxy.host())
            .port(proxy == null ? pg.port() : proxy.port())
            .database(database.name())
            .user(pg.username())
            .password(pg.password())
            .tls(TlsOptions.builder().mode(TlsMode.VERIFY_FULL).caFile(ca.toString()).build())
            .connectTimeout(Duration.ofSeconds(2))
            .pool(PoolConfig.builder().minConnections(0).maxConnections(4).waitTimeout(Duration.ofSeconds(10)).build())
            .build())
        .resilience(ResilienceConfig.builder().maxAttempts(3).initialDelay(Duration.ofMillis(50)).failureThreshold(1).build())
        .build();
  }
}
