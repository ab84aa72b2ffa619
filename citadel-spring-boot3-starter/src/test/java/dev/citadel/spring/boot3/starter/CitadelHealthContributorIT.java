package dev.citadel.spring.boot3.starter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.TestDatabase;
import dev.citadel.spring.boot.CitadelAutoConfiguration;
import dev.citadel.spring.boot.CitadelCacheAutoConfiguration;
import dev.citadel.spring.boot.CitadelVectorAutoConfiguration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The Boot 3 health contributor's conditions and groups, against the test kit's servers. */
class CitadelHealthContributorIT {
  private static TestDatabase db;
  @TempDir
  Path spill;

  @BeforeAll
  static void database() {
    db = CitadelTestKit.postgres().createDatabase();
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  private ApplicationContextRunner runner(boolean redis) {
    List<String> properties = new ArrayList<>();
    (redis ? CitadelTestKit.config(db, CitadelTestKit.redis()) : CitadelTestKit.config(db)).values()
        .forEach((k, v) -> properties.add("citadel." + k + "=" + v));
    properties.add("citadel.audit.spill.directory=" + spill);
    properties.add("citadel.database.migrations.run-on-start=true");
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CitadelAutoConfiguration.class, CitadelCacheAutoConfiguration.class,
            CitadelVectorAutoConfiguration.class, CitadelHealthContributorAutoConfiguration.class))
        .withPropertyValues(properties.toArray(String[]::new));
  }

  private static Map<String, Health> healthOf(CompositeHealthContributor citadel) {
    Map<String, Health> out = new LinkedHashMap<>();
    citadel.forEach(e -> out.put(e.getName(), ((HealthIndicator) e.getContributor()).health()));
    return out;
  }

  @Test
  void oneComponentPerBackendAllUpOnRealServers() {
    runner(true).run(context -> {
      assertThat(context).hasNotFailed();
      CompositeHealthContributor citadel = context.getBean("citadelHealthContributor", CompositeHealthContributor.class);
      Map<String, Health> health = healthOf(citadel);
      assertThat(health.keySet()).containsExactlyInAnyOrder("postgres-pooled", "postgres-direct", "schemas",
          "migrations", "redis", "audit");
      health.forEach((name, h) -> assertThat(h.getStatus()).as(name + " " + h.getDetails()).isEqualTo(Status.UP));
      assertThat(health.get("schemas").getDetails()).containsKeys("schema.mixtral", "schema.phi3");
      assertThat(health.get("audit").getDetails()).containsEntry("backendAvailable", true)
          .containsEntry("pendingInSpill", 0L);
      assertThat(citadel.getContributor("redis")).isInstanceOf(HealthIndicator.class);
      assertThat(citadel.getContributor("qdrant")).as("no qdrant section").isNull();
    });
  }

  @Test
  void aStoppedBackendIsDownInItsOwnComponentOnly() {
    runner(false).withPropertyValues("citadel.database.direct-port=1", "citadel.database.connect-timeout=1s",
        "citadel.database.direct-pool.wait-timeout=1s", "citadel.resilience.retry.max-attempts=1",
        "citadel.database.migrations.run-on-start=false").run(context -> {
          Map<String, Health> health = healthOf(context.getBean(CompositeHealthContributor.class));
          assertThat(health.get("postgres-direct").getStatus()).isEqualTo(Status.DOWN);
          assertThat(health.get("postgres-pooled").getStatus()).isEqualTo(Status.UP);
        });
  }

  @Test
  void offByPropertyWithoutActuatorOrWithoutCitadelAndReplaceable() {
    runner(false).withPropertyValues("management.health.citadel.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("citadelHealthContributor"));
    runner(false).withClassLoader(new FilteredClassLoader(HealthContributor.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("citadelHealthContributor"));
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CitadelAutoConfiguration.class,
            CitadelHealthContributorAutoConfiguration.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("citadelHealthContributor"));
    HealthIndicator own = () -> Health.up().withDetail("own", true).build();
    runner(false).withBean("citadelHealthContributor", HealthIndicator.class, () -> own)
        .run(context -> assertThat(context.getBean("citadelHealthContributor")).isSameAs(own));
  }
}
