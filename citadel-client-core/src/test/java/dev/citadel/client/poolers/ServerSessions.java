package dev.citadel.client.poolers;

import dev.citadel.client.db.Database;
import dev.citadel.client.db.Endpoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads session state on as many server sessions as a pooled endpoint can reach at once. Each
 * borrowed connection opens a transaction and keeps it open until all have answered, so behind a
 * transaction pooler every answer comes from a different server connection: borrowing as many as
 * the pooler's server pool holds visits each of them.
 */
final class ServerSessions {
  private ServerSessions() {}

  /**
   * {@code SHOW search_path} on {@code sessions} sessions at once.
   *
   * @param reset also {@code RESET search_path} on each (it outlives the transaction)
   */
  static List<String> searchPaths(Database db, int sessions, boolean reset) throws SQLException {
    List<Connection> held = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    try {
      for (int i = 0; i < sessions; i++) {
        Connection c = db.connection(Endpoint.POOLED);
        held.add(c);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW search_path")) {
          rs.next();
          paths.add(rs.getString(1));
        }
      }
      if (reset) {
        for (Connection c : held) {
          try (Statement s = c.createStatement()) {
            s.execute("RESET search_path");
          }
          c.commit();
        }
      }
    } finally {
      for (Connection c : held) {
        c.rollback();
        c.setAutoCommit(true);
        c.close();
      }
    }
    return paths;
  }
}
