package dev.citadel.client.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs operating-system commands, optionally as another user. */
public final class OsProcess {

  private static volatile Boolean root;

  private OsProcess() {
  }

  /** The outcome of a finished command. */
  public static final class Result {
    private final int exitCode;
    private final String output;

    Result(int exitCode, String output) {
      this.exitCode = exitCode;
      this.output = output;
    }

    /**
     * Returns the exit code.
     *
     * @return the exit code
     */
    public int exitCode() {
      return exitCode;
    }

    /**
     * Returns standard output and error, interleaved.
     *
     * @return the output
     */
    public String output() {
      return output;
    }
  }

  /**
   * Tells whether the JVM runs with effective uid 0, asking {@code id -u} once.
   *
   * @return true when running as root
   */
  public static boolean runningAsRoot() {
    Boolean value = root;
    if (value == null) {
      value = false;
      if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
        try {
          Result result = run(List.of("id", "-u"), null, Duration.ofSeconds(30));
          value = result.exitCode() == 0 && result.output().trim().equals("0");
        } catch (RuntimeException e) {
          value = false;
        }
      }
      root = value;
    }
    return value;
  }

  /**
   * Prefixes a command so that it runs as another user, using {@code runuser} or, failing that,
   * {@code setpriv}. Only root can do this.
   *
   * @param user the user name
   * @param command the command
   * @return the wrapped command
   * @throws IllegalStateException when neither tool exists
   */
  public static List<String> asUser(String user, List<String> command) {
    List<String> wrapped = new ArrayList<>();
    Path runuser = findExecutable("runuser");
    if (runuser != null) {
      wrapped.add(runuser.toString());
      wrapped.add("-u");
      wrapped.add(user);
      wrapped.add("--");
    } else {
      Path setpriv = findExecutable("setpriv");
      if (setpriv == null) {
        throw new IllegalStateException("Running as root, but neither runuser nor setpriv is installed to run "
            + "PostgreSQL as the unprivileged user '" + user + "' (install util-linux, or run the tests "
            + "as a non-root user)");
      }
      wrapped.add(setpriv.toString());
      wrapped.add("--reuid=" + user);
      wrapped.add("--regid=" + primaryGroupOf(user));
      wrapped.add("--init-groups");
      wrapped.add("--");
    }
    wrapped.addAll(command);
    return wrapped;
  }

  private static String primaryGroupOf(String user) {
    Result result = run(List.of("id", "-g", user), null, Duration.ofSeconds(30));
    if (result.exitCode() != 0) {
      throw new IllegalStateException("Cannot find the group of user '" + user + "': " + result.output().trim());
    }
    return result.output().trim();
  }

  /**
   * Finds an executable in {@code PATH} or the usual system directories.
   *
   * @param name the program name
   * @return its path, or null when not found
   */
  public static Path findExecutable(String name) {
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(java.io.File.pathSeparator)));
    }
    dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
    for (String dir : dirs) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Paths.get(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * Runs a command to completion, capturing its output in memory.
   *
   * @param command the command
   * @param workDir the working directory, or null for the JVM's
   * @param timeout how long to wait before killing it
   * @return the result
   */
  public static Result run(List<String> command, Path workDir, Duration timeout) {
    try {
      Path out = Files.createTempFile("citadel-testkit-cmd-", ".out");
      try {
        return run(command, workDir, timeout, out);
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs a command to completion with its output written to a file. Output goes to a file rather than a pipe
   * because daemons started by the command (e.g. by {@code pg_ctl start}) may keep inherited descriptors open.
   *
   * @param command the command
   * @param workDir the working directory, or null for the JVM's
   * @param timeout how long to wait before killing it
   * @param outputFile receives standard output and error (overwritten)
   * @return the result
   */
  public static Result run(List<String> command, Path workDir, Duration timeout, Path outputFile) {
    return run(command, workDir, timeout, outputFile, "");
  }

  /**
   * Like {@link #run(List, Path, Duration, Path)}, writing {@code input} (UTF-8) to the command's standard input.
   *
   * @param input what the command reads; empty for nothing
   * @return the result
   */
  public static Result run(List<String> command, Path workDir, Duration timeout, Path outputFile, String input) {
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(outputFile.toFile())
        .redirectInput(ProcessBuilder.Redirect.PIPE);
    if (workDir != null) {
      builder.directory(workDir.toFile());
    }
    builder.environment().keySet().removeIf(key -> key.startsWith("PG"));
    builder.environment().put("LC_ALL", "C");
    try {
      Process process = builder.start();
      try (var stdin = process.getOutputStream()) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException("Command timed out after " + timeout.toSeconds() + "s: "
            + String.join(" ", command) + System.lineSeparator() + FileSupport.tail(outputFile, 40));
      }
      String output = new String(Files.readAllBytes(outputFile), StandardCharsets.UTF_8);
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
    }
  }
}
