package dev.citadel.client.support;

import dev.citadel.client.testkit.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Freezes a local PostgreSQL server the way a hung host does: {@code SIGSTOP} to the postmaster
 * and every process below it (backends, background workers), {@code SIGCONT} to thaw. The
 * kernel keeps accepting connections and buffering bytes for the stopped processes, so clients
 * see open sockets that never answer. Find the postmaster through the data directory's
 * {@code postmaster.pid}. Always {@link #thaw()} in a {@code finally} ({@link #close()} does).
 */
public final class FrozenServer implements AutoCloseable {
  private final long postmasterPid;
  private final Set<Long> stopped = new LinkedHashSet<>();

  private FrozenServer(long postmasterPid) {
    this.postmasterPid = postmasterPid;
  }

  /** The freezer of {@code server}, which must run on this machine; its user must be a superuser. */
  public static FrozenServer of(PostgresServer server) throws SQLException, IOException {
    String dataDirectory;
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(server.adminDatabase()),
            server.username(), server.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW data_directory")) {
      rs.next();
      dataDirectory = rs.getString(1);
    }
    List<String> pidFile = Files.readAllLines(Path.of(dataDirectory, "postmaster.pid"), StandardCharsets.UTF_8);
    return new FrozenServer(Long.parseLong(pidFile.get(0).trim()));
  }

  /** Stops the postmaster first (so it forks nothing new), then every process below it. */
  public synchronized void freeze() throws IOException, InterruptedException {
    List<Long> pids = new ArrayList<>();
    pids.add(postmasterPid);
    signal("-STOP", pids);
    stopped.addAll(pids);
    List<Long> children = descendants();
    signal("-STOP", children);
    stopped.addAll(children);
  }

  /** Continues every process stopped by {@link #freeze()}; does nothing when none is. */
  public synchronized void thaw() throws IOException, InterruptedException {
    if (stopped.isEmpty()) {
      return;
    }
    signal("-CONT", new ArrayList<>(stopped));
    stopped.clear();
  }

  /** {@link #thaw()}. */
  @Override
  public void close() throws IOException, InterruptedException {
    thaw();
  }

  private List<Long> descendants() {
    return ProcessHandle.of(postmasterPid)
        .map(p -> p.descendants().map(ProcessHandle::pid).toList())
        .orElse(List.of());
  }

  /** Signals each process; one that ended meanwhile is skipped. */
  private static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
    for (long pid : pids) {
      Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).redirectErrorStream(true).start();
      boolean ended = kill.waitFor(10, TimeUnit.SECONDS);
      if ((!ended || kill.exitValue() != 0) && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        throw new IOException("kill " + signal + " " + pid + " failed: " + output);
      }
    }
  }
}
