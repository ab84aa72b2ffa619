package dev.citadel.client.testkit;

import dev.citadel.client.testkit.internal.FreePort;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dedicated servers: SCRAM for every login, TLS with the kit's throwaway certificates, closed on request. */
class DedicatedPostgresIT {

  private static Connection connect(DedicatedPostgres pg, String host, String sslMode, String rootCert)
      throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", pg.username());
    props.setProperty("password", pg.password());
    props.setProperty("connectTimeout", "5");
    props.setProperty("sslmode", sslMode);
    if (rootCert != null) {
      props.setProperty("sslrootcert", rootCert);
    }
    return new org.postgresql.Driver().connect("jdbc:postgresql://" + host + ":" + pg.port() + "/"
        + pg.adminDatabase(), props);
  }

  @Test
  void everyLoginRuleAsksForScram() throws SQLException {
    try (DedicatedPostgres pg = DedicatedPostgres.builder().start();
      Connection c = connect(pg, pg.host(), "disable", null)) {
      assertThat(pg.source()).isEqualTo(ServerSource.EMBEDDED);
      assertThat(PostgresIT.queryString(c, "SELECT string_agg(DISTINCT auth_method, ',') FROM pg_hba_file_rules"
          + " WHERE type <> 'local'")).isEqualTo("scram-sha-256");
      assertThat(PostgresIT.queryString(c, "SHOW password_encryption")).isEqualTo("scram-sha-256");
      assertThat(PostgresIT.queryString(c, "SHOW ssl")).isEqualTo("off");
    }
  }

  @Test
  void requiredTlsAcceptsVerifiedClientsAndRefusesPlainText() throws SQLException {
    try (TestCertificates certs = TestCertificates.generate("localhost");
      DedicatedPostgres pg = DedicatedPostgres.builder().tls(certs).requireTls(true).start()) {
      try (Connection c = connect(pg, "localhost", "verify-full", certs.caCertificate().toString())) {
        assertThat(PostgresIT.queryString(c, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))
            .isEqualTo("t");
      }
      assertThatThrownBy(() -> connect(pg, pg.host(), "disable", null).close())
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"));
    }
  }

  @Test
  void closeStopsTheServer() {
    DedicatedPostgres pg = DedicatedPostgres.builder().start();
    assertThat(FreePort.accepting(pg.host(), pg.port())).isTrue();
    pg.close();
    pg.close();
    assertThat(FreePort.accepting(pg.host(), pg.port())).isFalse();
  }
}
