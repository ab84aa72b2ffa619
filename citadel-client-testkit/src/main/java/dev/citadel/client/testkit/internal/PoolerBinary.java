package dev.citadel.client.testkit.internal;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A connection pooler's executable, which the kit does not ship: it comes from the operating system's packages.
 * Where it is missing, tests that need it are skipped with the package to install, except under CI
 * ({@code CI=true}), where they fail: CI must run them.
 */
public enum PoolerBinary {
  /** PgBouncer. */
  PGBOUNCER("pgbouncer", "pgbouncer", "brew install pgbouncer"),
  /** Pgpool-II. */
  PGPOOL("pgpool", "pgpool2", "brew install pgpool-ii");

  private final String executable;
  private final String debianPackage;
  private final String homebrew;

  PoolerBinary(String executable, String debianPackage, String homebrew) {
    this.executable = executable;
    this.debianPackage = debianPackage;
    this.homebrew = homebrew;
  }

  /**
   * Finds the executable in {@code PATH} or the usual system directories.
   *
   * @return its path, or null when it is not installed
   */
  public Path find() {
    return OsProcess.findExecutable(executable);
  }

  /**
   * Returns the executable, or explains how to install it.
   *
   * @return its path
   * @throws IllegalStateException when it is not installed
   */
  public Path require() {
    Path path = find();
    if (path == null) {
      throw new IllegalStateException(missingReason());
    }
    return path;
  }

  /**
   * Returns quietly when the executable is installed. Otherwise aborts the current test (JUnit reports it as
   * skipped, with the package to install), or fails it when the environment variable {@code CI} is {@code true}.
   *
   * @throws IllegalStateException under CI when the executable is missing
   */
  public void assumeInstalled() {
    if (find() != null) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(missingReason() + ". CI=true: tests needing " + executable
          + " must run in CI, so a missing binary fails them instead of skipping them");
    }
    Assumptions.abort(missingReason() + "; skipping (under CI=true this fails instead)");
  }

  /**
   * Asks the executable for its version.
   *
   * @return the first line it prints for {@code --version}, e.g. {@code PgBouncer 1.18.0}
   */
  public String version() {
    OsProcess.Result result = OsProcess.run(List.of(require().toString(), "--version"), null, Duration.ofSeconds(30));
    return result.output().lines().findFirst().orElse("unknown").trim();
  }

  private String missingReason() {
    return "The '" + executable + "' executable is not installed (searched PATH, /usr/sbin, /sbin, /usr/bin, /bin): "
        + "install the package '" + debianPackage + "' (Debian/Ubuntu: apt-get install -y " + debianPackage
        + "; macOS: " + homebrew + ")";
  }
}
