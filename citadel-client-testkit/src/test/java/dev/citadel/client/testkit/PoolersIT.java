package dev.citadel.client.testkit;

import dev.citadel.client.testkit.internal.FreePort;
import dev.citadel.client.testkit.internal.Passwords;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real PgBouncer and Pgpool-II the kit runs: reachable, restartable on the same port, stopped by close(). */
class PoolersIT {

  /** Starts a pooler in front of a server, letting one more user log in. */
  @FunctionalInterface
  interface Starter {
    Pooler start(PostgresServer upstream, String user, String password);
  }

  /** Each pooler the kit offers, with five server connections (four for Pgpool-II's children). */
  enum Kind {
    PGBOUNCER_TRANSACTION(PgBouncer::assumeInstalled, (pg, user, password) -> PgBouncer.builder(pg)
        .poolMode(PgBouncer.PoolMode.TRANSACTION).defaultPoolSize(5).addUser(user, password).start()),
    PGBOUNCER_SESSION(PgBouncer::assumeInstalled, (pg, user, password) -> PgBouncer.builder(pg)
        .poolMode(PgBouncer.PoolMode.SESSION).defaultPoolSize(5).addUser(user, password).start()),
    PGPOOL(Pgpool::assumeInstalled, (pg, user, password) -> Pgpool.builder(pg)
        .numInitChildren(4).addUser(user, password).start());

    private final Runnable assumeInstalled;
    private final Starter starter;

    Kind(Runnable assumeInstalled, Starter starter) {
      this.assumeInstalled = assumeInstalled;
      this.starter = starter;
    }

    Pooler start(PostgresServer upstream, String user, String password) {
      assumeInstalled.run();
      return starter.start(upstream, user, password);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void loginsReachTheServerBehindThePooler(Kind kind) throws SQLException {
    PostgresServer pg = CitadelTestKit.postgres();
    try (TestDatabase db = pg.createDatabase();
      Pooler pooler = kind.start(pg, pg.username(), pg.password())) {
      assertThat(pooler.port()).isNotEqualTo(pg.port());
      assertThat(pooler.database(db).configValues())
          .as("pooled endpoint at the pooler, direct endpoint at PostgreSQL")
          .containsEntry("database.host", pooler.host())
          .containsEntry("database.port", Integer.toString(pooler.port()))
          .containsEntry("database.direct_host", db.host())
          .containsEntry("database.direct_port", Integer.toString(db.port()))
          .containsEntry("database.database", db.name());
      try (Connection c = PostgresIT.connect(pooler.jdbcUrl(db.name()), db.username(), db.password())) {
        assertThat(PostgresIT.queryString(c, "SELECT current_database()")).isEqualTo(db.name());
        // The server reports its own port: the connection went through the pooler to this server.
        assertThat(PostgresIT.queryString(c, "SELECT current_setting('port')"))
            .isEqualTo(Integer.toString(pg.port()));
      }
    }
  }

  /**
   * Writes outside a transaction, sent with PgJDBC's extended query protocol, are committed: other sessions see
   * them once the writer has disconnected (Pgpool-II in raw mode rolled them back).
   */
  @ParameterizedTest
  @EnumSource(Kind.class)
  void autocommitWritesAreCommitted(Kind kind) throws SQLException {
    PostgresServer pg = CitadelTestKit.postgres();
    try (TestDatabase db = pg.createDatabase();
      Pooler pooler = kind.start(pg, pg.username(), pg.password())) {
      try (Connection c = PostgresIT.connect(pooler.jdbcUrl(db.name()), db.username(), db.password())) {
        c.createStatement().execute("CREATE TABLE notes (id int)");
        try (java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO notes VALUES (?)")) {
          for (int i = 1; i <= 3; i++) {
            insert.setInt(1, i);
            assertThat(insert.executeUpdate()).isEqualTo(1);
          }
        }
      }
      try (Connection direct = PostgresIT.connect(db)) {
        assertThat(PostgresIT.queryString(direct, "SELECT count(*) FROM notes")).isEqualTo("3");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void addedUsersLogInWithTheirPasswordAndOnlyWithIt(Kind kind) throws SQLException {
    PostgresServer pg = CitadelTestKit.postgres();
    String user = "pooler_user_" + kind.name().toLowerCase(java.util.Locale.ROOT);
    String password = Passwords.generate();
    String wrong = Passwords.generate();
    try (Connection admin = PostgresIT.connect(pg.jdbcUrl(pg.adminDatabase()), pg.username(), pg.password())) {
      admin.createStatement().execute("DROP ROLE IF EXISTS " + user);
      admin.createStatement().execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'");
    }
    try (Pooler pooler = kind.start(pg, user, password)) {
      try (Connection c = PostgresIT.connect(pooler.jdbcUrl(pg.adminDatabase()), user, password)) {
        assertThat(PostgresIT.queryString(c, "SELECT current_user")).isEqualTo(user);
      }
      assertThatThrownBy(() -> PostgresIT.connect(pooler.jdbcUrl(pg.adminDatabase()), user, wrong).close())
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(password));
    } finally {
      try (Connection admin = PostgresIT.connect(pg.jdbcUrl(pg.adminDatabase()), pg.username(), pg.password())) {
        admin.createStatement().execute("DROP ROLE IF EXISTS " + user);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void stopBreaksConnectionsAndStartServesTheSamePortAgain(Kind kind) throws SQLException {
    PostgresServer pg = CitadelTestKit.postgres();
    try (Pooler pooler = kind.start(pg, pg.username(), pg.password())) {
      String url = pooler.jdbcUrl(pg.adminDatabase());
      int port = pooler.port();
      try (Connection open = PostgresIT.connect(url, pg.username(), pg.password())) {
        assertThat(PostgresIT.queryString(open, "SELECT 1")).isEqualTo("1");
        pooler.stop();
        assertThat(FreePort.accepting(pooler.host(), port)).isFalse();
        assertThatThrownBy(() -> PostgresIT.queryString(open, "SELECT 1")).isInstanceOf(SQLException.class);
      }
      pooler.start();
      assertThat(pooler.port()).isEqualTo(port);
      try (Connection again = PostgresIT.connect(url, pg.username(), pg.password())) {
        assertThat(PostgresIT.queryString(again, "SELECT 1")).isEqualTo("1");
      }
      pooler.close();
      assertThat(FreePort.accepting(pooler.host(), port)).isFalse();
      assertThatThrownBy(pooler::start).isInstanceOf(IllegalStateException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void describesItselfWithoutThePassword(Kind kind) {
    PostgresServer pg = CitadelTestKit.postgres();
    try (Pooler pooler = kind.start(pg, pg.username(), pg.password())) {
      assertThat(pooler.toString()).contains(Integer.toString(pooler.port())).contains(pooler.version())
          .doesNotContain(pg.password());
      assertThat(pooler.version()).matches("\\d+\\.\\d+.*");
      assertThat(pooler.serverConnections()).isEqualTo(kind == Kind.PGPOOL ? 4 : 5);
    }
  }
}
