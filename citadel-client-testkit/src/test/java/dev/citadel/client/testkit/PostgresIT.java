package dev.citadel.client.testkit;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PostgresIT {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresIT.class);

  static Connection connect(String url, String user, String password) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    props.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(url, props);
  }

  static Connection connect(TestDatabase db) throws SQLException {
    return connect(db.jdbcUrl(), db.username(), db.password());
  }

  static String queryString(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  @Test
  void resolvesAServerThatAnswersSelectVersion() throws SQLException {
    PostgresServer pg = CitadelTestKit.postgres();
    LOG.info("postgres() resolved to {}", pg);

    try (Connection connection = connect(pg.jdbcUrl(pg.adminDatabase()), pg.username(), pg.password())) {
      assertThat(queryString(connection, "select version()")).startsWith("PostgreSQL ");
      assertThat(queryString(connection, "show server_version")).isEqualTo(pg.version());
    }
    assertThat(pg.jdbcUrl("x")).isEqualTo("jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/x");
    if (pg.source() != ServerSource.EXTERNAL) {
      assertThat(pg.version()).startsWith("17.");
    }
    assertThat(CitadelTestKit.postgres()).as("JVM-wide singleton").isSameAs(pg);
  }

  @Test
  void toStringNeverShowsThePassword() {
    PostgresServer pg = CitadelTestKit.postgres();
    assumeTrue(!pg.password().isEmpty(), "the resolved server has an empty password");

    assertThat(pg.toString()).contains(Integer.toString(pg.port())).doesNotContain(pg.password());
    try (TestDatabase db = pg.createDatabase()) {
      assertThat(db.toString()).contains(db.name()).doesNotContain(db.password());
    }
  }

  @Test
  @SuppressWarnings("try") // closes a try-with-resources database explicitly: that is what is tested
  void createdDatabasesAreIsolatedAndDroppedOnClose() throws SQLException {
    PostgresServer pg = CitadelTestKit.postgres();
    String firstName;
    try (TestDatabase first = pg.createDatabase(); TestDatabase second = pg.createDatabase()) {
      firstName = first.name();
      assertThat(first.name()).isNotEqualTo(second.name());
      assertThat(first.jdbcUrl()).isEqualTo(pg.jdbcUrl(first.name()));
      try (Connection a = connect(first); Statement statement = a.createStatement()) {
        statement.execute("create table only_in_first(id int)");
        statement.execute("insert into only_in_first values (42)");
        assertThat(queryString(a, "select current_database()")).isEqualTo(first.name());
      }
      try (Connection b = connect(second)) {
        assertThat(queryString(b, "select count(*) from pg_tables where tablename = 'only_in_first'"))
            .isEqualTo("0");
        assertThatThrownBy(() -> queryString(b, "select id from only_in_first"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("only_in_first");
      }
      // an open connection must not prevent the drop (WITH (FORCE))
      Connection stillOpen = connect(first);
      first.close();
      assertThat(stillOpen.isValid(2)).isFalse();
      stillOpen.close();
      first.close(); // idempotent
    }
    try (Connection admin = connect(pg.jdbcUrl(pg.adminDatabase()), pg.username(), pg.password())) {
      assertThat(queryString(admin, "select count(*) from pg_database where datname = '" + firstName + "'"))
          .isEqualTo("0");
    }
  }

  @Test
  void stopMakesConnectionsFailAndStartRestoresThemOnTheSamePort() throws SQLException {
    PostgresServer pg = CitadelTestKit.postgres();
    assumeTrue(pg.controllable(), "PostgreSQL source " + pg.source()
        + " cannot be stopped and started; only EMBEDDED servers are controllable");
    int port = pg.port();
    try (TestDatabase db = pg.createDatabase()) {
      try (Connection connection = connect(db); Statement statement = connection.createStatement()) {
        statement.execute("create table survives(v text)");
        statement.execute("insert into survives values ('kept')");
      }
      Connection open = connect(db);
      try {
        pg.stop();

        assertThatThrownBy(() -> connect(db)).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> queryString(open, "select 1")).isInstanceOf(SQLException.class);
        pg.stop(); // idempotent
      } finally {
        open.close();
        pg.start();
      }
      assertThat(pg.port()).isEqualTo(port);
      try (Connection connection = connect(db)) {
        assertThat(queryString(connection, "select v from survives")).isEqualTo("kept");
      }
      pg.start(); // idempotent
    }
  }
}
