package dev.citadel.client.testkit;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

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
