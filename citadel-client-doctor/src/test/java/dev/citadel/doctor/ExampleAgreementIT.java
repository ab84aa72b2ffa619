package dev.citadel.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.TestConfig;
import dev.citadel.client.testkit.TestDatabase;
import dev.citadel.examples.ModelServingExample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's example says HEALTHY, and right after it the doctor, on the same config, agrees:
 * the doctor expects the collections the config's database declares, not the four seed collections
 * the example never creates.
 */
class ExampleAgreementIT {

  @Test
  void theDoctorAgreesWithTheExampleOnTheSameConfig() {
    try (TestDatabase db = CitadelTestKit.postgres().createDatabase()) {
      Map<String, String> environment = new LinkedHashMap<>();
      TestConfig.of(db, CitadelTestKit.redis(), CitadelTestKit.qdrant()).values()
          .forEach((key, value) -> environment.put("CITADEL_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), value));

      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      boolean exampleOk;
      try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
        exampleOk = ModelServingExample.run(null, environment, out);
      }
      String example = bytes.toString(StandardCharsets.UTF_8);
      assertThat(exampleOk).as(example).isTrue();
      assertThat(example).contains("config: environment variables").containsPattern("(?m)^HEALTHY$");

      DoctorRun doctor = DoctorRun.run(environment);

      assertThat(doctor.code()).as(doctor.out()).isEqualTo(Doctor.EXIT_HEALTHY);
      assertThat(doctor.verdictLine()).startsWith("VERDICT: HEALTHY");
      assertThat(doctor.rows().get("qdrant.collection.documents").detail())
          .as("the collection the example registered is checked against its registration")
          .contains("matches the registration in citadel.collections");
    }
  }
}
