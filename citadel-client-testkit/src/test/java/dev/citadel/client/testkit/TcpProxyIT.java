package dev.citadel.client.testkit;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.citadel.client.testkit.PostgresIT.connect;
import static dev.citadel.client.testkit.PostgresIT.queryString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TcpProxyIT {

  @Test
  void forwardsJdbcAndCutBreaksAndRefusesUntilRestore() throws Exception {
    PostgresServer pg = CitadelTestKit.postgres();
    try (TestDatabase db = pg.createDatabase(); TcpProxy proxy = TcpProxy.start(pg.host(), pg.port())) {
      String viaProxy = "jdbc:postgresql://" + proxy.host() + ":" + proxy.port() + "/" + db.name();
      assertThat(proxy.host()).isEqualTo("127.0.0.1");
      assertThat(proxy.port()).isNotEqualTo(pg.port());
      assertThat(proxy.database(db).configValues())
          .as("the database, reached through the proxy")
          .containsEntry("database.host", proxy.host())
          .containsEntry("database.port", Integer.toString(proxy.port()))
          .containsEntry("database.database", db.name())
          .containsEntry("database.user", db.username())
          .doesNotContainKey("database.direct_host");

      Connection connection = connect(viaProxy, db.username(), db.password());
      try (Statement statement = connection.createStatement()) {
        statement.execute("create table t(v int)");
        statement.execute("insert into t values (7)");
      }
      assertThat(queryString(connection, "select v from t")).isEqualTo("7");
      assertThat(queryString(connection, "select current_database()")).isEqualTo(db.name());

      proxy.cut();

      assertThatThrownBy(() -> queryString(connection, "select v from t")).isInstanceOf(SQLException.class);
      connection.close();
      assertThatThrownBy(() -> connect(viaProxy, db.username(), db.password()))
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> rawConnect(proxy)).isInstanceOf(ConnectException.class);
      proxy.cut(); // idempotent
      // the server itself is unaffected
      try (Connection direct = connect(db)) {
        assertThat(queryString(direct, "select v from t")).isEqualTo("7");
      }

      proxy.restore();

      try (Connection again = connect(viaProxy, db.username(), db.password())) {
        assertThat(queryString(again, "select v from t")).isEqualTo("7");
      }
      proxy.restore(); // idempotent
    }
  }

  @Test
  void freezeKeepsConnectionsOpenButRelaysNothingUntilUnfreeze() throws Exception {
    PostgresServer pg = CitadelTestKit.postgres();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (TestDatabase db = pg.createDatabase(); TcpProxy proxy = TcpProxy.start(pg.host(), pg.port())) {
      String viaProxy = "jdbc:postgresql://" + proxy.host() + ":" + proxy.port() + "/" + db.name();
      Connection timed = connect(viaProxy, db.username(), db.password());
      Connection waiting = connect(viaProxy, db.username(), db.password());
      timed.setNetworkTimeout(executor, 1_000);

      proxy.freeze();
      assertThat(proxy.frozen()).isTrue();
      proxy.freeze(); // idempotent

      // Nothing comes back: the read blocks until the client's own timeout, the socket is not reset.
      long start = System.nanoTime();
      assertThatThrownBy(() -> queryString(timed, "select 1")).isInstanceOf(SQLException.class)
          .hasRootCauseInstanceOf(SocketTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
      // New connections are accepted, as a black hole's kernel would; they just get no answer.
      try (Socket socket = rawConnect(proxy)) {
        assertThat(socket.isConnected()).isTrue();
      }
      Future<String> held = executor.submit(() -> queryString(waiting, "select 'delivered'"));
      assertThatThrownBy(() -> held.get(500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

      proxy.unfreeze();
      proxy.unfreeze(); // idempotent

      assertThat(proxy.frozen()).isFalse();
      assertThat(held.get(10, TimeUnit.SECONDS)).as("held-back bytes are delivered").isEqualTo("delivered");
      waiting.close();
      try (Connection again = connect(viaProxy, db.username(), db.password())) {
        assertThat(queryString(again, "select 2")).isEqualTo("2");
      }
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void cutWhileFrozenClosesEveryConnection() throws Exception {
    PostgresServer pg = CitadelTestKit.postgres();
    try (TestDatabase db = pg.createDatabase(); TcpProxy proxy = TcpProxy.start(pg.host(), pg.port())) {
      Connection connection = connect("jdbc:postgresql://" + proxy.host() + ":" + proxy.port() + "/" + db.name(),
          db.username(), db.password());
      proxy.freeze();
      proxy.cut();
      assertThatThrownBy(() -> queryString(connection, "select 1")).isInstanceOf(SQLException.class);
      connection.close();
    }
  }

  @Test
  void closeStopsListening() throws Exception {
    PostgresServer pg = CitadelTestKit.postgres();
    TcpProxy proxy = TcpProxy.start(pg.host(), pg.port());
    try (Socket socket = rawConnect(proxy)) {
      assertThat(socket.isConnected()).isTrue();
    }

    proxy.close();

    // Not asserted by reconnecting: once freed, the port may be taken by any other process.
    assertThatThrownBy(proxy::restore).isInstanceOf(IllegalStateException.class);
    assertThat(proxy.toString()).contains(Integer.toString(proxy.port()), Integer.toString(pg.port()));
  }

  private static Socket rawConnect(TcpProxy proxy) throws Exception {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(proxy.host(), proxy.port()), 2000);
      return socket;
    } catch (Exception e) {
      socket.close();
      throw e;
    }
  }
}
