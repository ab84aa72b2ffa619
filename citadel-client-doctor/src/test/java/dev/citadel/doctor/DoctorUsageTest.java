package dev.citadel.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad arguments and bad configuration: exit 2 with a message naming the option or key, never a secret. */
class DoctorUsageTest {
  private static final String SECRET = "s3cret-Password-in-the-file";

  @TempDir
  Path dir;

  @Test
  void helpPrintsTheUsageAndExitsZero() {
    DoctorRun run = DoctorRun.run(Map.of(), "--help");

    assertThat(run.code()).isEqualTo(Doctor.EXIT_HEALTHY);
    assertThat(run.out()).startsWith("Usage: citadel-doctor").contains("--config FILE", "--json", "--timeout",
        "Exit codes: 0 every check passed, 1 a check failed or timed out, 2 bad arguments or config.");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void badArgumentsExitTwoNamingTheOption() {
    assertUsage(DoctorRun.run(Map.of(), "--verbose"), "citadel-doctor: unknown option --verbose");
    assertUsage(DoctorRun.run(Map.of(), "--config"), "citadel-doctor: --config needs a value");
    assertUsage(DoctorRun.run(Map.of(), "--timeout", "soon"),
        "citadel-doctor: --timeout must be a duration such as 20s, 500ms, 2m or PT1M, was 'soon'");
    assertUsage(DoctorRun.run(Map.of(), "--json", "--json"), "citadel-doctor: --json is given twice");
    assertUsage(DoctorRun.run(Map.of(), "citadel.yaml"),
        "citadel-doctor: unexpected argument 'citadel.yaml' (the config file goes after --config)");
    assertUsage(DoctorRun.run(Map.of(), "--require", "kafka"),
        "citadel-doctor: --require: unknown section 'kafka' (one of redis, qdrant)");
  }

  @Test
  void aBadValueInTheFileExitsTwoNamingTheKeyButNotTheSecret() {
    Path file = new YamlConfig()
        .database("localhost", 5432, "citadel", "citadel_app", SECRET)
        .raw("  direct_port: seventy\n")
        .writeTo(dir.resolve("bad.yaml"));

    DoctorRun run = DoctorRun.run(Map.of(), "--config", file.toString());

    assertUsage(run, "citadel-doctor: configuration error (" + file + " + environment): database.direct_port: "
        + "must be an integer, was 'seventy' (from " + file + ")");
    assertThat(run.out() + run.err()).doesNotContain(SECRET);
  }

  @Test
  void anUnknownKeyExitsTwoWithASuggestion() {
    Path file = new YamlConfig()
        .database("localhost", 5432, "citadel", "citadel_app", SECRET)
        .raw("  pasword: typo\n")
        .writeTo(dir.resolve("typo.yaml"));

    DoctorRun run = DoctorRun.run(Map.of(), "--config", file.toString());

    assertUsage(run, "citadel-doctor: configuration error (" + file + " + environment): database.pasword: "
        + "unknown configuration key in " + file + ": database.pasword (did you mean database.password?)");
    assertThat(run.out() + run.err()).doesNotContain(SECRET);
  }

  @Test
  void aBadEnvironmentVariableExitsTwoNamingTheKeyAndTheVariable() {
    DoctorRun run = DoctorRun.run(Map.of("POSTGRES_HOST", "localhost", "POSTGRES_DB", "citadel",
        "POSTGRES_USER", "citadel_app", "POSTGRES_PASSWORD", SECRET, "CITADEL_DATABASE_PORT", "99999"));

    assertThat(run.code()).isEqualTo(Doctor.EXIT_USAGE);
    assertThat(run.err()).startsWith("citadel-doctor: configuration error (environment variables): database.port: ")
        .contains("environment variable CITADEL_DATABASE_PORT");
    assertThat(run.out() + run.err()).doesNotContain(SECRET);
  }

  @Test
  void noDatabaseSectionExitsTwoSayingHowToGiveOne() {
    DoctorRun run = DoctorRun.run(Map.of());

    assertUsage(run, "citadel-doctor: configuration error (environment variables): database: is not configured: "
        + "give --config FILE, set CITADEL_CONFIG, or set POSTGRES_HOST / POSTGRES_DB / POSTGRES_USER "
        + "(or CITADEL_DATABASE_*)");
  }

  @Test
  void aMissingFileExitsTwo() {
    Path missing = dir.resolve("nowhere.yaml");

    DoctorRun run = DoctorRun.run(Map.of(Doctor.CONFIG_VARIABLE, missing.toString()));

    assertThat(run.code()).isEqualTo(Doctor.EXIT_USAGE);
    assertThat(run.err()).startsWith("citadel-doctor: configuration error (" + missing + " + environment): (file): "
        + "config file " + missing + " does not exist");
  }

  private static void assertUsage(DoctorRun run, String firstLine) {
    assertThat(run.code()).isEqualTo(Doctor.EXIT_USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().findFirst()).hasValue(firstLine);
  }
}
