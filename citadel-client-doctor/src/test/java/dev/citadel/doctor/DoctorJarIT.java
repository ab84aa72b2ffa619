package dev.citadel.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.citadel.client.Citadel;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.QdrantServer;
import dev.citadel.client.testkit.RedisServer;
import dev.citadel.client.testkit.TestDatabase;
import dev.citadel.client.vector.CitadelVectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded {@code target/citadel-doctor.jar} (built in {@code package}, before failsafe runs)
 * as an operator runs it: {@code java -jar}, in its own JVM. The checks of a real deployment pass
 * only if the jar's merged service files let Citadel find the cache and vector modules, Flyway
 * its PostgreSQL support and gRPC its transport.
 */
class DoctorJarIT {
  private static final Path JAR = Path.of("target", "citadel-doctor.jar");
  /** Generous: the JVM starts, then the checks run under the doctor's own 20 s default deadline. */
  private static final long PROCESS_BOUND_SECONDS = 90;

  @TempDir
  Path dir;

  record Exit(int code, String out, String err) {}

  @Test
  void helpPrintsTheOptions() throws Exception {
    Exit exit = java("--help");

    assertThat(exit.code()).isZero();
    assertThat(exit.out()).startsWith("Usage: citadel-doctor [--config FILE] [--json] [--timeout DURATION]")
        .contains("--require LIST", "Exit codes: 0");
    assertThat(exit.err()).isEmpty();
  }

  @Test
  void aBadOptionIsAUsageError() throws Exception {
    Exit exit = java("--frobnicate");

    assertThat(exit.code()).isEqualTo(2);
    assertThat(exit.out()).isEmpty();
    assertThat(exit.err()).startsWith("citadel-doctor: unknown option --frobnicate");
  }

  @Test
  void theJarChecksARealDeployment() throws Exception {
    RedisServer redis = CitadelTestKit.securedRedis();
    QdrantServer qdrant = CitadelTestKit.qdrant();
    try (TestDatabase db = CitadelTestKit.postgres().createDatabase()) {
      Path config = new YamlConfig()
          .with(db)
          .with(redis)
          .with(qdrant)
          .writeTo(dir.resolve("citadel.yaml"));
      try (Citadel citadel = Citadel.create(CitadelConfig.loader().environment(Map.of()).file(config).load())) {
        citadel.database().migrate();
        citadel.extension(CitadelVectors.class).orElseThrow().ensureDefaultCollections();
      }

      Exit exit = java("--config", config.toString(), "--json", "--default-collections");

      assertThat(exit.code()).as(exit.out() + exit.err()).isZero();
      JsonNode report = new ObjectMapper().readTree(exit.out());
      assertThat(report.get("healthy").asBoolean()).isTrue();
      List<String> names = new ArrayList<>();
      report.get("checks").forEach(c -> names.add(c.get("name").asText()));
      assertThat(names).contains("postgres.pooled", "postgres.direct", "migrations", "redis.ping", "redis.roundtrip",
          "qdrant", "qdrant.registered", "qdrant.collection.documents");
      for (String secret : List.of(db.password(), redis.password())) {
        assertThat(exit.out()).doesNotContain(secret);
        assertThat(exit.err()).doesNotContain(secret);
      }
    }
  }

  private Exit java(String... args) throws IOException, InterruptedException {
    assertThat(JAR).as("built by `package`").isRegularFile();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("POSTGRES_") || k.startsWith("CITADEL_")
        || k.startsWith("QDRANT_"));
    Process process = builder.start();
    boolean ended = process.waitFor(PROCESS_BOUND_SECONDS, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    assertThat(ended).as("the doctor ended within %d s", PROCESS_BOUND_SECONDS).isTrue();
    Exit exit = new Exit(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
    System.out.println("$ java -jar " + JAR + " " + String.join(" ", args) + "   (exit " + exit.code() + ")");
    System.out.print(exit.out());
    System.out.print(exit.err());
    return exit;
  }
}
