package dev.citadel.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.testkit.TestDatabase;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.spring.boot.app.CitadelTestApplication;
import dev.citadel.spring.boot.test.CitadelTestKitServers;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Boot's {@code ObservationRegistry} reaches the SDK: with a tracer on it (Micrometer's in-memory
 * {@code SimpleTracer}), every PostgreSQL, Redis and Qdrant call of a request becomes a span
 * carrying the OpenTelemetry database conventions.
 */
@SpringBootTest(classes = {CitadelTestApplication.class, CitadelTracingIT.Tracing.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"citadel.database.migrations.run-on-start=true", "citadel.database.expose-data-source=true"})
@CitadelTestKitServers
class CitadelTracingIT {

  @TestConfiguration(proxyBeanMethods = false)
  static class Tracing {
    @Bean
    SimpleTracer simpleTracer() {
      return new SimpleTracer();
    }

    @Bean
    DefaultTracingObservationHandler tracingObservationHandler(SimpleTracer tracer) {
      return new DefaultTracingObservationHandler(tracer);
    }
  }

  @Autowired
  SimpleTracer tracer;
  @Autowired
  TestDatabase db;
  @Autowired
  CitadelVectors vectors;
  @Value("${local.server.port}")
  int port;

  @Test
  void everyBackendCallOfARequestIsASpanWithTheDatabaseConventions() throws Exception {
    vectors.ensure(CollectionSpec.builder(CitadelTestApplication.COLLECTION, 3).build());
    tracer.getSpans().clear();
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/chat?model=mixtral&prompt=traced")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

    List<Map<String, String>> tags = tracer.getSpans().stream().map(SimpleSpan::getTags).toList();
    assertThat(tags).anySatisfy(t -> assertThat(t).containsEntry("db.system.name", "postgresql")
        .containsEntry("db.namespace", db.name() + "|mixtral").containsEntry("db.operation.name", "update")
        .containsEntry("server.address", db.host()).containsEntry("error.type", "none"));
    assertThat(tags).anySatisfy(t -> assertThat(t).containsEntry("db.system.name", "postgresql")
        .containsEntry("db.operation.name", "query"));
    assertThat(tags).anySatisfy(t -> assertThat(t).containsEntry("db.system.name", "redis")
        .containsKeys("db.namespace", "db.operation.name", "server.address"));
    assertThat(tags).anySatisfy(t -> assertThat(t).containsEntry("db.system.name", "qdrant")
        .containsEntry("db.operation.name", "search").containsKey("server.address"));
  }
}
