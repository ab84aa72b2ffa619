package dev.citadel.client.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.AuthenticationException;
import dev.citadel.client.QueryException;
import dev.citadel.client.db.internal.SqlFailures;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The classifier reads failures produced by a real server and a real driver. */
@ExtendWith(CitadelTestKitExtension.class)
class SqlFailuresIT {

  private static SQLException failure(TestDatabase db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
        Statement s = c.createStatement()) {
      s.execute(sql);
      throw new AssertionError("expected " + sql + " to fail");
    } catch (SQLException e) {
      return e;
    }
  }

  @Test
  void requestErrorsAreNotTransient(TestDatabase db) throws Exception {
    assertThat(SqlFailures.INSTANCE.isTransient(failure(db, "SELEC 1"))).isFalse();
    assertThat(SqlFailures.INSTANCE.isTransient(failure(db, "SELECT * FROM missing"))).isFalse();
    assertThat(SqlFailures.INSTANCE.isTransient(failure(db, "SELECT 1/0"))).isFalse();
    SQLException permission = failure(db,
        "DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege'; END $$");
    assertThat(permission.getSQLState()).isEqualTo("42501");
    assertThat(SqlFailures.INSTANCE.isTransient(permission)).isFalse();
  }

  /**
   * 3D000 from a statement is no refused login: only a failed connect is taken for an unknown
   * database ({@code RefusedLoginIT}).
   */
  @Test
  void aStatementNamingAMissingDatabaseIsAQueryException(TestDatabase db) throws Exception {
    SQLException missing = failure(db, "DROP DATABASE no_such_database_here");
    assertThat(missing.getSQLState()).isEqualTo("3D000");
    assertThat(SqlFailures.isLoginRefusal(missing)).isFalse();
    assertThat(SqlFailures.INSTANCE.isTransient(missing)).isFalse();
    assertThat(SqlFailures.INSTANCE.translate("postgres-pooled", missing, 1))
        .isExactlyInstanceOf(QueryException.class)
        .isNotInstanceOf(AuthenticationException.class);
  }

  @Test
  void connectionRefusedAndAdminShutdownAreTransient(TestDatabase db) throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    SQLException refused;
    try {
      DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + closedPort + "/x", "x", "x").close();
      throw new AssertionError("connected to a closed port");
    } catch (SQLException e) {
      refused = e;
    }
    assertThat(refused.getSQLState()).startsWith("08");
    assertThat(SqlFailures.INSTANCE.isTransient(refused)).isTrue();

    try (Connection victim = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
        Connection admin = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
      int pid;
      try (Statement s = victim.createStatement(); var rs = s.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        pid = rs.getInt(1);
      }
      try (Statement s = admin.createStatement()) {
        s.execute("SELECT pg_terminate_backend(" + pid + ")");
      }
      SQLException terminated;
      try (Statement s = victim.createStatement()) {
        s.execute("SELECT 1");
        throw new AssertionError("terminated backend answered");
      } catch (SQLException e) {
        terminated = e;
      }
      assertThat(terminated.getSQLState()).isIn("57P01", "08006", "08003");
      assertThat(SqlFailures.INSTANCE.isTransient(terminated)).isTrue();
    }
  }
}
