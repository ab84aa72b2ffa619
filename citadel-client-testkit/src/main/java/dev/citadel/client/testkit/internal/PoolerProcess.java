package dev.citadel.client.testkit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A pooler daemon (PgBouncer, Pgpool-II) running in the foreground as a child of the JVM, configured by files in its
 * own {@link InstanceDir}, listening on a fixed port of 127.0.0.1. {@link #start()} waits until the port accepts
 * connections; {@link #stop()} sends the pooler's shutdown signal to the pid in its pid file and waits for the exit;
 * {@link #start()} again listens on the same port. {@link #destroy()} stops it and deletes its files. Thread-safe.
 */
public final class PoolerProcess {

  private static final Logger LOG = LoggerFactory.getLogger(PoolerProcess.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final String name;
  private final InstanceDir instance;
  private final String host;
  private final int port;
  private final List<String> command;
  private final Path pidFile;
  private final String stopSignal;
  private final Path output;
  private Process process;    // null while stopped; guarded by this
  private boolean destroyed;  // guarded by this

  /**
   * Describes the process; nothing is started.
   *
   * @param name the pooler's name, for messages, e.g. {@code PgBouncer}
   * @param instance the directory holding its configuration, pid file and logs
   * @param host the address it listens on
   * @param port the port it listens on
   * @param command the command running it in the foreground (already run as another user where needed)
   * @param pidFile the pid file the pooler writes
   * @param stopSignal the signal that shuts it down without waiting for clients, e.g. {@code TERM}
   */
  public PoolerProcess(String name, InstanceDir instance, String host, int port, List<String> command, Path pidFile,
      String stopSignal) {
    this.name = name;
    this.instance = instance;
    this.host = host;
    this.port = port;
    this.command = List.copyOf(command);
    this.pidFile = pidFile;
    this.stopSignal = stopSignal;
    this.output = instance.path().resolve(name.toLowerCase(java.util.Locale.ROOT) + ".out");
  }

  /**
   * Returns the port.
   *
   * @return the port it listens on
   */
  public int port() {
    return port;
  }

  /**
   * Tells whether the process runs.
   *
   * @return true between a successful {@link #start()} and {@link #stop()}
   */
  public synchronized boolean running() {
    return process != null && process.isAlive();
  }

  /**
   * Starts the process and waits until its port accepts connections. Does nothing when it runs.
   *
   * @throws IllegalStateException when it exits or does not listen within 30 s; the message has its output
   */
  public synchronized void start() {
    if (destroyed) {
      throw new IllegalStateException(name + " on port " + port + " was shut down with the JVM");
    }
    if (running()) {
      return;
    }
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(instance.path().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    builder.environment().keySet().removeIf(key -> key.startsWith("PG"));
    builder.environment().put("LC_ALL", "C");
    try {
      process = builder.start();
      process.getOutputStream().close();
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (!FreePort.accepting(host, port)) {
        if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
          int code = process.exitValue();
          process = null;
          throw new IllegalStateException(name + " exited with code " + code + " before listening on "
              + host + ":" + port + ": " + String.join(" ", command) + System.lineSeparator()
              + FileSupport.tail(output, 30));
        }
        if (System.nanoTime() > deadline) {
          stopNow();
          throw new IllegalStateException(name + " did not listen on " + host + ":" + port + " within "
              + START_TIMEOUT.toSeconds() + " s" + System.lineSeparator() + FileSupport.tail(output, 30));
        }
      }
    } catch (IOException e) {
      process = null;
      throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopNow();
      throw new IllegalStateException("Interrupted while starting " + name, e);
    }
  }

  /**
   * Shuts the process down with its stop signal (clients are disconnected, not waited for) and waits until it
   * has exited. Does nothing when it is stopped.
   *
   * @throws IllegalStateException when it does not exit within 30 s even after SIGKILL
   */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    OptionalLong pid = readPid();
    if (pid.isPresent()) {
      signal(pid.getAsLong(), stopSignal);
    } else {
      process.destroy();
    }
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("{} on port {} ignored SIG{} for {} s; killing it", name, port, stopSignal,
            STOP_TIMEOUT.toSeconds());
        stopNow();
        if (process != null) {
          throw new IllegalStateException(name + " on port " + port + " does not exit");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while stopping " + name, e);
    }
    process = null;
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException ignored) {
      // the next start overwrites it
    }
  }

  /**
   * Logs in through the pooler and returns the first column of a one-row query, to prove it works end to end.
   *
   * @param database the database to connect to
   * @param user the user
   * @param password the password
   * @param sql the query
   * @return the value it returned
   * @throws IllegalStateException when logging in or the query fails; the message has the pooler's output
   */
  public String queryThrough(String database, String user, String password, String sql) {
    try (java.sql.Connection connection = Jdbc.connect(Jdbc.url(host, port, database), user, password);
      java.sql.Statement statement = connection.createStatement();
      java.sql.ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(name + " listens on " + host + ":" + port + " but logging in through it "
          + "fails: " + e.getMessage() + System.lineSeparator() + outputTail(30), e);
    }
  }

  /**
   * Returns the last lines of the process's output and log, for diagnostics.
   *
   * @param lines how many lines at most
   * @return the tail
   */
  public String outputTail(int lines) {
    return FileSupport.tail(output, lines);
  }

  /** Stops the process and deletes its files; used at JVM exit and by {@code close()}. Idempotent. */
  public synchronized void destroy() {
    if (destroyed) {
      return;
    }
    destroyed = true;
    try {
      stop();
    } catch (RuntimeException e) {
      LOG.warn("Cannot stop {} on port {}: {}", name, port, e.toString());
      stopNow();
    } finally {
      instance.delete();
    }
  }

  private void stopNow() {
    readPid().ifPresent(pid -> signal(pid, "KILL"));
    if (process != null) {
      process.destroyForcibly();
      try {
        if (process.waitFor(10, TimeUnit.SECONDS)) {
          process = null;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private OptionalLong readPid() {
    return readPid(pidFile);
  }

  private static OptionalLong readPid(Path file) {
    try {
      if (!Files.exists(file)) {
        return OptionalLong.empty();
      }
      String text = Files.readString(file, StandardCharsets.UTF_8).trim();
      return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text.lines().findFirst().orElse("")));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static void signal(long pid, String signal) {
    OsProcess.run(List.of("kill", "-" + signal, Long.toString(pid)), null, Duration.ofSeconds(10));
  }

  /** How to run a pooler whose files {@link Layout} wrote. */
  public record Launch(List<String> command, Path pidFile) {
  }

  /** Writes a pooler's configuration for a port into its instance directory. */
  @FunctionalInterface
  public interface Layout {
    /**
     * Writes the files.
     *
     * @param dir the instance directory, still owned by the JVM's user
     * @param port the port to listen on
     * @return how to run it
     * @throws IOException when a file cannot be written
     */
    Launch write(Path dir, int port) throws IOException;
  }

  /**
   * Starts a pooler on a free port of 127.0.0.1, in a fresh instance directory handed over to {@code osUser},
   * trying other ports when another process takes the chosen one first. Stopped and deleted at JVM exit.
   *
   * @param name the pooler's name, e.g. {@code PgBouncer}
   * @param binary its executable, whose name also prefixes the instance directory
   * @param stopSignal the signal that shuts it down without waiting for clients
   * @param osUser the user it runs as (the command must already switch to it), or null
   * @param layout writes its files
   * @return the running process
   * @throws IllegalStateException when it cannot start
   */
  public static PoolerProcess launch(String name, PoolerBinary binary, String stopSignal, String osUser,
      Layout layout) {
    String prefix = binary.name().toLowerCase(java.util.Locale.ROOT) + "-instance-";
    InstanceDir.reapOrphans(prefix, dir -> {
      try (var files = Files.list(dir)) {
        files.filter(f -> f.getFileName().toString().endsWith(".pid"))
            .forEach(f -> killLeftover(f, binary.find() == null ? "" : binary.find().getFileName().toString()));
      } catch (IOException e) {
        LOG.debug("Cannot look for a leftover {} in {}: {}", name, dir, e.toString());
      }
    });
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      InstanceDir instance = InstanceDir.create(prefix);
      int port = FreePort.find();
      PoolerProcess process;
      try {
        Launch launch = layout.write(instance.path(), port);
        OsUsers.handOver(instance.path(), osUser);
        process = new PoolerProcess(name, instance, "127.0.0.1", port, launch.command(), launch.pidFile(),
            stopSignal);
      } catch (IOException e) {
        instance.delete();
        throw new UncheckedIOException("Cannot write the files of " + name + " into " + instance.path(), e);
      }
      Shutdown.register("stop " + name + " on port " + port, process::destroy);
      try {
        process.start();
        return process;
      } catch (IllegalStateException e) {
        process.destroy();
        String message = String.valueOf(e.getMessage());
        if (!message.contains("Address already in use") && !message.contains("bind")) {
          throw e;
        }
        last = e;
        LOG.info("{} lost the race for port {}; retrying on another port", name, port);
      }
    }
    throw last;
  }

  /** Kills a pooler left running by a killed JVM, unless its pid now belongs to another program. */
  private static void killLeftover(Path pidFile, String executable) {
    readPid(pidFile).ifPresent(pid -> ProcessHandle.of(pid)
        .filter(p -> !executable.isEmpty() && p.info().command().map(c -> c.endsWith(executable)).orElse(false))
        .ifPresent(p -> {
          signal(pid, "KILL");
          p.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> null).join();
        }));
  }
}
