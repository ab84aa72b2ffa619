package dev.citadel.client.testkit;

import dev.citadel.client.testkit.internal.ExternalPostgresServer;
import dev.citadel.client.testkit.internal.ExternalRedisServer;
import dev.citadel.client.testkit.internal.Servers;
import dev.citadel.client.testkit.internal.Settings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static dev.citadel.client.testkit.PostgresIT.connect;
import static dev.citadel.client.testkit.PostgresIT.queryString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * External mode against servers already running on this machine (127.0.0.1:5432 with a password-less
 * {@code postgres} user, 127.0.0.1:6379 without password). The resolver is built from a map, so the default run
 * needs no environment variables; without such local servers the tests are skipped.
 */
class ExternalServersIT {

    private static final String LOCAL = "127.0.0.1";

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOCAL, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static PostgresServer localPostgres() {
        assumeTrue(listening(5432), "no local PostgreSQL listens on 127.0.0.1:5432; external mode not exercised");
        Settings settings = Settings.of(Map.of(
                Settings.MODE, "external",
                Settings.POSTGRES_HOST, LOCAL,
                Settings.POSTGRES_USER, "postgres",
                Settings.POSTGRES_PASSWORD, ""));
        try {
            return Servers.postgres(settings);
        } catch (IllegalStateException e) {
            if (e.getMessage().contains("authentication") || e.getMessage().contains("password")
                    || e.getMessage().contains("pg_hba")) {
                return abort("the local PostgreSQL on 127.0.0.1:5432 does not let user postgres in without a "
                        + "password: " + e.getMessage());
            }
            throw e;
        }
    }

    @Test
    void externalPostgresIsUsedAsNamed() throws SQLException {
        PostgresServer pg = localPostgres();

        assertThat(pg.source()).isEqualTo(ServerSource.EXTERNAL);
        assertThat(pg.host()).isEqualTo(LOCAL);
        assertThat(pg.port()).isEqualTo(5432);
        assertThat(pg.adminDatabase()).isEqualTo("postgres");
        assertThat(pg.controllable()).isFalse();
        assertThatThrownBy(pg::stop).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("EXTERNAL");
        assertThatThrownBy(pg::start).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("EXTERNAL");
        try (Connection connection = connect(pg.jdbcUrl("postgres"), pg.username(), pg.password())) {
            assertThat(queryString(connection, "select version()")).startsWith("PostgreSQL ");
            assertThat(queryString(connection, "show server_version")).isEqualTo(pg.version());
        }
    }

    @Test
    void externalPostgresCreatesAndDropsIsolatedDatabases() throws SQLException {
        PostgresServer pg = localPostgres();
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
        try (Connection admin = connect(pg.jdbcUrl("postgres"), pg.username(), pg.password())) {
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
        assumeTrue(listening(6379), "no local Redis listens on 127.0.0.1:6379; external mode not exercised");
        Settings settings = Settings.of(Map.of(Settings.REDIS_HOST, LOCAL, Settings.REDIS_PASSWORD, ""));
        RedisServer redis;
        try {
            redis = Servers.redis(settings);
        } catch (IllegalStateException e) {
            abort("the local Redis on 127.0.0.1:6379 cannot be used without a password: " + e.getMessage());
            return;
        }

        assertThat(redis.source()).isEqualTo(ServerSource.EXTERNAL);
        assertThat(redis.port()).isEqualTo(6379);
        assertThat(redis.password()).as("empty password means none").isNull();
        assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:6379");
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
