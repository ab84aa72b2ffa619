package dev.citadel.doctor;

import dev.citadel.client.Citadel;
import dev.citadel.client.ConfigException;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.doctor.internal.Arguments;
import dev.citadel.doctor.internal.Checkup;
import dev.citadel.doctor.internal.DoctorConfig;
import dev.citadel.doctor.internal.Redactor;
import dev.citadel.doctor.internal.Report;
import dev.citadel.doctor.internal.UsageException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code citadel-doctor} command: loads the SDK's config the way a host does, checks every
 * backend it names (PostgreSQL pooled and direct endpoints, model schemas, migration history,
 * pools; Redis PING, round trip and memory; Qdrant and its collections against their specs) and
 * prints one verdict per line, as an aligned table or, with {@code --json}, as one JSON object.
 *
 * <p>Exit codes: {@link #EXIT_HEALTHY} when every line passes, {@link #EXIT_UNHEALTHY} when any
 * fails (including checks that did not finish within {@code --timeout}), {@link #EXIT_USAGE} for
 * bad arguments or configuration. Secrets from the config (passwords, API keys, the key pepper)
 * are never printed. See the module README for the options and what each line checks.
 *
 * <pre>{@code
 * java -jar citadel-doctor.jar --config /opt/citadel/config/database.yaml
 * int code = Doctor.run(new String[] {"--config", "citadel.yaml", "--json"}, System.out, System.err);
 * }</pre>
 */
public final class Doctor {
  /** Exit code when every check passed. */
  public static final int EXIT_HEALTHY = 0;
  /** Exit code when at least one check failed or did not finish in time. */
  public static final int EXIT_UNHEALTHY = 1;
  /** Exit code for bad arguments or a bad configuration (the message names the key). */
  public static final int EXIT_USAGE = 2;
  /** The overall bound when {@code --timeout} is not given. */
  public static final Duration DEFAULT_TIMEOUT = Arguments.DEFAULT_TIMEOUT;
  /** The variable naming the config file when {@code --config} is not given. */
  public static final String CONFIG_VARIABLE = "CITADEL_CONFIG";

  private static final String NAME = "citadel-doctor";

  private Doctor() {}

  /**
   * Runs the doctor with the process environment and exits with its exit code.
   *
   * @param args command-line arguments ({@code --help} lists them)
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the doctor with the process environment ({@link System#getenv()}).
   *
   * @param args command-line arguments ({@code --help} lists them)
   * @param out where the report (or the help text) goes
   * @param err where usage and configuration errors go
   * @return {@link #EXIT_HEALTHY}, {@link #EXIT_UNHEALTHY} or {@link #EXIT_USAGE}
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, System.getenv(), out, err);
  }

  /**
   * Runs the doctor with {@code environment} standing for the process environment: it supplies
   * {@value #CONFIG_VARIABLE}, the {@code POSTGRES_*} / {@code CITADEL_*} overrides and the
   * {@code ${VAR}} values of the config file.
   *
   * @param args command-line arguments ({@code --help} lists them)
   * @param environment the variables to read instead of {@link System#getenv()}
   * @param out where the report (or the help text) goes
   * @param err where usage and configuration errors go
   * @return {@link #EXIT_HEALTHY}, {@link #EXIT_UNHEALTHY} or {@link #EXIT_USAGE}
   */
  public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    long start = System.nanoTime();
    Arguments arguments;
    try {
      arguments = Arguments.parse(args);
    } catch (UsageException e) {
      err.println(NAME + ": " + e.getMessage());
      err.println("Run " + NAME + " --help for the options.");
      return EXIT_USAGE;
    }
    if (arguments.help()) {
      out.print(Arguments.usage());
      out.flush();
      return EXIT_HEALTHY;
    }

    String file = arguments.configFile() != null ? arguments.configFile() : environment.get(CONFIG_VARIABLE);
    boolean fromFile = file != null && !file.isBlank();
    String source = fromFile ? file + " + environment" : "environment variables";
    CitadelConfig config;
    try {
      config = fromFile
          ? CitadelConfig.loader().environment(environment).file(Path.of(file)).load()
          : CitadelConfig.loader().environment(environment).load();
      if (config.databaseSection().isEmpty()) {
        throw new ConfigException("database", "is not configured: give --config FILE, set " + CONFIG_VARIABLE
            + ", or set POSTGRES_HOST / POSTGRES_DB / POSTGRES_USER (or CITADEL_DATABASE_*)");
      }
    } catch (ConfigException e) {
      err.println(NAME + ": configuration error (" + source + "): " + e.getMessage());
      return EXIT_USAGE;
    }

    Redactor redactor = Redactor.of(config);
    Citadel citadel;
    try {
      citadel = Citadel.create(DoctorConfig.bounded(config, arguments.timeout()));
    } catch (ConfigException e) {
      err.println(NAME + ": configuration error (" + source + "): " + redactor.apply(e.getMessage()));
      return EXIT_USAGE;
    } catch (RuntimeException e) {
      err.println(NAME + ": could not create the clients: " + redactor.apply(String.valueOf(e.getMessage())));
      return EXIT_UNHEALTHY;
    }
    Report report = Checkup.run(citadel, config, arguments, start); // closes citadel
    String rendered = arguments.json()
        ? report.json(source, arguments.timeout(), redactor)
        : report.table(source, arguments.timeout(), redactor);
    out.print(rendered);
    out.flush();
    return report.healthy() ? EXIT_HEALTHY : EXIT_UNHEALTHY;
  }
}
