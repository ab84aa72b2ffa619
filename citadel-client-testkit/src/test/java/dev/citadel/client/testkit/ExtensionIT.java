package dev.citadel.client.testkit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.citadel.client.testkit.PostgresIT.connect;
import static dev.citadel.client.testkit.PostgresIT.queryString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

class ExtensionIT {

  @Test
  void injectsServersAndOneDatabasePerClassThatIsDroppedAfterTheClass() throws SQLException {
    Probe.seen.clear();

    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(Probe.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));

    assertThat(Probe.seen).hasSize(2);
    assertThat(Probe.seen.get(0)).as("same database for every test of the class").isSameAs(Probe.seen.get(1));
    PostgresServer pg = CitadelTestKit.postgres();
    try (Connection admin = connect(pg.jdbcUrl(pg.adminDatabase()), pg.username(), pg.password())) {
      assertThat(queryString(admin,
          "select count(*) from pg_database where datname = '" + Probe.seen.get(0).name() + "'"))
          .as("dropped after the class").isEqualTo("0");
    }
  }

  /** Run only through EngineTestKit above (surefire and failsafe skip nested classes). */
  @ExtendWith(CitadelTestKitExtension.class)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class Probe {
    static final List<TestDatabase> seen = new CopyOnWriteArrayList<>();

    private final PostgresServer constructorInjected;

    Probe(PostgresServer postgres) {
      this.constructorInjected = postgres;
    }

    @Test
    @Order(1)
    void first(PostgresServer postgres, RedisServer redis, TestDatabase db) throws Exception {
      assertThat(postgres).isSameAs(CitadelTestKit.postgres()).isSameAs(constructorInjected);
      assertThat(redis).isSameAs(CitadelTestKit.redis());
      assertThat(RedisIT.call(redis.host(), redis.port(), redis.password(), "PING")).isEqualTo("+PONG");
      try (Connection connection = connect(db); Statement statement = connection.createStatement()) {
        statement.execute("create table shared_by_class(v int)");
      }
      seen.add(db);
    }

    @Test
    @Order(2)
    void second(TestDatabase db, TestConfig config) throws Exception {
      try (Connection connection = connect(db)) {
        assertThat(queryString(connection, "select count(*) from shared_by_class")).isEqualTo("0");
      }
      assertThat(config.values()).as("the ready configuration names the class's database")
          .containsEntry("database.database", db.name())
          .containsEntry("database.port", Integer.toString(db.port()));
      seen.add(db);
    }
  }
}
