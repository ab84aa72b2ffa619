package dev.citadel.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.ConfigException;
import dev.citadel.spring.boot.internal.ConfigFailureAnalyzer;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A bad citadel configuration fails start-up with Boot's short report naming the property. */
class ConfigFailureAnalyzerTest {

  @Test
  void aConfigExceptionUnderABeanFailureIsReportedWithTheLoadersMessage() {
    ConfigException cause = new ConfigException("citadel.database.pool.max-connections", "must be an integer, was 'x'");
    FailureAnalysis analysis = new ConfigFailureAnalyzer()
        .analyze(new BeanCreationException("citadelConfig", "failed", cause));
    assertThat(analysis.getDescription())
        .isEqualTo("citadel-client could not load its configuration: citadel.database.pool.max-connections: must be"
            + " an integer, was 'x'");
    assertThat(analysis.getAction()).contains("configuration reference");
    assertThat(analysis.getCause()).isSameAs(cause);
  }

  @Test
  void itIsRegisteredForBoot() throws Exception {
    List<String> factories = new ArrayList<>();
    for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
      try (InputStream in = url.openStream()) {
        factories.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    assertThat(factories).anySatisfy(f -> assertThat(f).contains(
        "org.springframework.boot.diagnostics.FailureAnalyzer=\\\ndev.citadel.spring.boot.internal.ConfigFailureAnalyzer"));
  }
}
