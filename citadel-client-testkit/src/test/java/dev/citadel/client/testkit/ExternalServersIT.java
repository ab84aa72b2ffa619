package dev.citadel.client.testkit;

import dev.citadel.client.testkit.internal.ExternalPostgresServer;
import dev.citadel.client.testkit.internal.ExternalRedisServer;
import dev.citadel.client.testkit.internal.Servers;
import dev.citadel.client.testkit.internal.Settings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static dev.citadel.client.testkit.PostgresIT.connect;
import static dev.citadel.client.testkit.PostgresIT.queryString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * External mode, exercised against the servers the kit resolved for this JVM (embedded ones on a fresh
 * machine): the external resolver is built from a map naming their host, port and credentials, so the
 * default run needs no environment variables and skips nothing.
 */
class ExternalServersIT {

  private static final String LOCAL = "127.0.0.1";

  private static PostgresServer externalPostgres() {
    PostgresServer real = CitadelTestKit.postgres();
    Settings settings = Settings.of(Map.of(
        Settings.MODE, "external",
        Settings.POSTGRES_HOST, real.host(),
        Settings.POSTGRES_PORT, Integer.toString(real.port()),
        Settings.POSTGRES_USER, real.username(),
        Settings.POSTGRES_PASSWORD, real.password() == null ? "" : real.password(),
        Settings.POSTGRES_DATABASE, real.adminDatabase()));
    return Servers.postgres(settings);
  }

  @Test
  void externalPostgresIsUsedAsNamed() throws SQLException {
    PostgresServer pg = externalPostgres();
    PostgresServer real = CitadelTestKit.postgres();

    assertThat(pg.source()).isEqualTo(ServerSource.EXTERNAL);
    assertThat(pg.host()).isEqualTo(real.host());
    assertThat(pg.port()).isEqualTo(real.port());
    assertThat(pg.adminDatabase()).isEqualTo(real.adminDatabase());
    assertThat(pg.controllable()).isFalse();
    assertThatThrownBy(pg::stop).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("EXTERNAL");
    assertThatThrownBy(pg::start).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("EXTERNAL");
    try (Connection connection = connect(pg.jdbcUrl(pg.adminDatabase()), pg.username(), pg.password())) {
      assertThat(queryString(connection, "select version()")).startsWith("PostgreSQL ");
      assertThat(queryString(connection, "show server_version")).isEqualTo(pg.version());
    }
  }

  @Test
  void externalPostgresCreatesAndDropsIsolatedDatabases() throws SQLException {
    PostgresServer pg = externalPostgres();
    String name;
    try (TestDatabase first = pg.createDatabase(); TestDatabase second = pg.createDatabase()) {
      name = first.name();
      try (Connection a = connect(first); Statement statement = a.createStatement()) {
        statement.execute("create table external_only_first(id int)");
      }
      try (Connection b = connect(second)) {
        assertThat(queryString(b, "select count(*) from pg_tables where tablename = 'external_only_first'"))
            .isEqualTo("0");
      }
    }
    try (Connection admin = connect(pg.jdbcUrl(pg.adminDatabase()), pg.username(), pg.password())) {
      assertThat(queryString(admin, "select count(*) from pg_database where datname = '" + name + "'"))
          .isEqualTo("0");
    }
  }

  @Test
  void unreachableExternalPostgresIsAClearError() {
    int closedPort = closedPort();
    Settings settings = Settings.of(Map.of(Settings.POSTGRES_HOST, LOCAL,
        Settings.POSTGRES_PORT, Integer.toString(closedPort), Settings.POSTGRES_PASSWORD, "s3cret-not-logged"));

    assertThatThrownBy(() -> ExternalPostgresServer.connect(settings))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(LOCAL + ":" + closedPort)
        .hasMessageContaining("CITADEL_TEST_POSTGRES_HOST")
        .message().doesNotContain("s3cret-not-logged");
  }

  @Test
  void externalRedisIsUsedAsNamed() throws IOException {
    RedisServer real = CitadelTestKit.redis();
    Settings settings = Settings.of(Map.of(Settings.REDIS_HOST, real.host(),
        Settings.REDIS_PORT, Integer.toString(real.port()),
        Settings.REDIS_PASSWORD, real.password() == null ? "" : real.password()));
    RedisServer redis = Servers.redis(settings);

    assertThat(redis.source()).isEqualTo(ServerSource.EXTERNAL);
    assertThat(redis.port()).isEqualTo(real.port());
    assertThat(redis.uri()).isEqualTo(real.uri());
    assertThat(RedisIT.call(redis.host(), redis.port(), redis.password(), "PING")).isEqualTo("+PONG");
    assertThat(redis.controllable()).isFalse();
    assertThatThrownBy(redis::stop).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("EXTERNAL");
  }

  @Test
  void unreachableExternalRedisIsAClearError() {
    int closedPort = closedPort();
    Settings settings = Settings.of(Map.of(Settings.REDIS_HOST, LOCAL, Settings.REDIS_PORT, Integer.toString(closedPort)));

    assertThatThrownBy(() -> ExternalRedisServer.connect(settings))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(LOCAL + ":" + closedPort);
  }

  private static int closedPort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(LOCAL))) {
      return socket.getLocalPort(); // free once closed
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
