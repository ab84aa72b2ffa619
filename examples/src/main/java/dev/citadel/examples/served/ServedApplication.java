package dev.citadel.examples.served;

import dev.citadel.client.auth.IssuedKey;
import dev.citadel.examples.EmbeddedServices;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.PropertySource;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The served model-serving application: Spring Boot 4 on the citadel-client starter, with an
 * OpenAI-compatible {@code POST /v1/chat/completions}, document ingestion, API keys, Actuator
 * health, Prometheus metrics and traces. See the README section "Served application".
 *
 * <p>Where the servers come from, as for the console example: {@code --served.config=FILE} (or
 * {@code CITADEL_CONFIG}) names a YAML file in the SDK's layout; else {@code POSTGRES_*} /
 * {@code CITADEL_*} variables, when {@code POSTGRES_HOST} or {@code CITADEL_DATABASE_HOST} is set;
 * else the test kit starts PostgreSQL, Redis and the local Qdrant server and the run gets a fresh
 * database, dropped when the application stops. Any {@code citadel.*} Spring property works too.
 */
@SpringBootApplication
@PropertySource("classpath:dev/citadel/examples/served/served.properties")
public class ServedApplication {

  /** Starts the service and prints its URL, an admin key and a curl line; serves until stopped. */
  public static void main(String[] args) {
    try {
      run(args, System.getenv());
    } catch (RuntimeException e) {
      System.out.flush();
      System.err.println("served application failed: " + rootMessage(e));
      System.exit(1);
    }
  }

  static ConfigurableApplicationContext run(String[] args, Map<String, String> environment) {
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("logging.level.root", "warn");
    defaults.put("spring.main.banner-mode", "off");
    // the span lines of OpenTelemetry's logging exporter (java.util.logging, INFO)
    defaults.put("logging.level.io.opentelemetry.exporter.logging", "info");
    // Requests are CPU-bound here (JSON, the in-process embedding model): threads beyond about two
    // per core only wait inside the JVM for the same cores, and every backend call they make then
    // includes that wait (the load harness's profile in BENCHMARKS.md). Excess requests wait in the
    // accept queue instead, which the client-side latencies show.
    defaults.put("server.tomcat.threads.max", 2 * Runtime.getRuntime().availableProcessors());
    String file = argument(args, "served.config").orElse(environment.get("CITADEL_CONFIG"));
    EmbeddedServices embedded = null;
    if (file != null && !file.isBlank()) {
      Path path = Path.of(file).toAbsolutePath().normalize();
      System.out.println("config: " + path + " (with POSTGRES_*/CITADEL_* variables overriding it, as in the SDK)");
      defaults.put("citadel.config-file", path.toString());
    } else if (environment.get("POSTGRES_HOST") != null || environment.get("CITADEL_DATABASE_HOST") != null) {
      System.out.println("config: environment variables (POSTGRES_*, CITADEL_*)");
    } else {
      embedded = EmbeddedServices.start();
      System.out.println("config: none given, so the test kit started these servers for this run: "
          + embedded.describe());
      System.out.println("database: " + embedded.database() + " (created for this run, dropped when the service"
          + " stops)");
      embedded.values().forEach((key, value) -> defaults.put("citadel." + key, value));
      defaults.put("citadel.auth.key-pepper", randomPepper());
    }
    SpringApplication app = new SpringApplication(ServedApplication.class);
    app.setDefaultProperties(defaults);
    if (embedded != null) {
      EmbeddedServices servers = embedded;
      app.addListeners((ContextClosedEvent event) -> servers.close());
    }
    ConfigurableApplicationContext context;
    try {
      context = app.run(args);
    } catch (RuntimeException e) {
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
    String url = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    String model = context.getBean(dev.citadel.client.db.Database.class).models().models().stream().sorted()
        .filter("mixtral"::equals).findFirst()
        .orElseGet(() -> context.getBean(dev.citadel.client.db.Database.class).models().models().stream().sorted()
            .findFirst().orElseThrow());
    System.out.println("served: " + url + " (POST /v1/chat/completions, POST /v1/documents, POST"
        + " /v1/documents/search, GET /v1/models/{model}, GET /v1/usage?model=, POST /admin/keys,"
        + " /actuator/health, /actuator/prometheus); Ctrl-C stops it");
    Optional<IssuedKey> admin = context.getBean(StartupKeys.class).adminKey();
    admin.ifPresent(key -> {
      System.out.println("admin key: " + key.plaintext() + " (scopes admin, chat; shown once)");
      System.out.println("try: curl -s " + url + ChatCompletions.ENDPOINT + " -H 'Authorization: Bearer "
          + key.plaintext() + "' -H 'Content-Type: application/json' -d '{\"model\": \"" + model
          + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Which Redis database holds sessions?\"}]}'");
    });
    return context;
  }

  /** {@code --name=value} among the arguments. */
  private static Optional<String> argument(String[] args, String name) {
    for (String arg : args) {
      if (arg.startsWith("--" + name + "=")) {
        return Optional.of(arg.substring(name.length() + 3));
      }
    }
    return Optional.empty();
  }

  private static String randomPepper() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.replaceAll("\\s*\\R\\s*", " ");
  }
}
