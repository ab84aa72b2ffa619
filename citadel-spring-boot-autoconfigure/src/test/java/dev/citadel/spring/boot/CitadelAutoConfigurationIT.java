package dev.citadel.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.Citadel;
import dev.citadel.client.ConfigException;
import dev.citadel.client.audit.AuditLog;
import dev.citadel.client.auth.ApiKeys;
import dev.citadel.client.cache.CitadelCache;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.Endpoint;
import dev.citadel.client.metadata.Metadata;
import dev.citadel.client.metrics.CitadelMetrics;
import dev.citadel.client.metrics.MicrometerMetrics;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.TestDatabase;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.sync.VectorSync;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Every condition of the auto-configuration, on the Boot version of the starter that runs it:
 * configured or not, {@code citadel.enabled=false}, a module absent from the class path, its
 * section absent, the application's own beans, the DataSource opt-in, the MeterRegistry, and the
 * property translation (relaxed names, lists, maps, the config file, environment variables, and
 * start-up errors naming the property). Against the test kit's real servers.
 */
class CitadelAutoConfigurationIT {
  private static TestDatabase db;
  @TempDir
  Path spill;

  @BeforeAll
  static void createDatabase() {
    db = CitadelTestKit.postgres().createDatabase();
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CitadelAutoConfiguration.class,
            CitadelCacheAutoConfiguration.class, CitadelVectorAutoConfiguration.class));
  }

  private String[] dbProperties() {
    return properties(CitadelTestKit.config(db).values());
  }

  private String[] all() {
    return properties(CitadelTestKit.config(db, CitadelTestKit.redis(), CitadelTestKit.qdrant()).values());
  }

  private String[] properties(Map<String, String> values) {
    List<String> out = new ArrayList<>();
    values.forEach((k, v) -> out.add("citadel." + k + "=" + v));
    out.add("citadel.audit.spill.directory=" + spill);
    return out.toArray(String[]::new);
  }

  @Test
  void withoutAnyCitadelPropertyNothingIsCreated() {
    runner().run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(Citadel.class).doesNotHaveBean(CitadelConfig.class);
    });
  }

  @Test
  void citadelEnabledFalseTurnsEverythingOff() {
    runner().withPropertyValues(all()).withPropertyValues("citadel.enabled=false").run(context ->
        assertThat(context).hasNotFailed().doesNotHaveBean(Citadel.class).doesNotHaveBean(Database.class));
  }

  @Test
  void theDatabaseAloneGivesTheCoreBeansAndNoModuleBeans() {
    runner().withPropertyValues(dbProperties()).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(Citadel.class).hasSingleBean(Database.class).hasSingleBean(Metadata.class)
          .hasSingleBean(AuditLog.class).hasSingleBean(CitadelConfig.class);
      Citadel citadel = context.getBean(Citadel.class);
      assertThat(context.getBean(Database.class)).isSameAs(citadel.database());
      assertThat(context.getBean(AuditLog.class)).isSameAs(citadel.audit());
      assertThat(context).as("no redis section").doesNotHaveBean(CitadelCache.class);
      assertThat(context).as("no qdrant section").doesNotHaveBean(CitadelVectors.class)
          .doesNotHaveBean(VectorSync.class);
      assertThat(context).as("no auth.key_pepper").doesNotHaveBean(ApiKeys.class);
      assertThat(context).as("not opted in").doesNotHaveBean(DataSource.class);
      assertThat(context.getBean(Database.class).direct().queryOne("SELECT current_database()",
          dev.citadel.client.db.RowMapper.column(String.class))).isEqualTo(db.name());
    });
  }

  @Test
  void configuredSectionsGiveTheModuleBeans() {
    runner().withPropertyValues(all()).withPropertyValues("citadel.auth.key-pepper=0123456789abcdef0123").run(c -> {
      assertThat(c).hasNotFailed();
      Citadel citadel = c.getBean(Citadel.class);
      assertThat(c.getBean(CitadelCache.class)).isSameAs(citadel.extension(CitadelCache.class).orElseThrow());
      assertThat(c.getBean(CitadelVectors.class)).isSameAs(citadel.extension(CitadelVectors.class).orElseThrow());
      assertThat(c).hasSingleBean(VectorSync.class);
      assertThat(c.getBean(ApiKeys.class)).isSameAs(citadel.apiKeys());
    });
  }

  @Test
  void aModuleAbsentFromTheClassPathGivesNoBeanEvenWithItsSection() {
    runner().withPropertyValues(all()).withClassLoader(new FilteredClassLoader(CitadelCache.class, CitadelVectors.class))
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Citadel.class);
          assertThat(context).doesNotHaveBean(CitadelCache.class).doesNotHaveBean(CitadelVectors.class)
              .doesNotHaveBean(VectorSync.class);
        });
  }

  @Test
  void theApplicationsOwnBeansWin() {
    CitadelConfig own = CitadelConfig.fromValues(CitadelTestKit.config(db).with("client.name", "own")
        .with("audit.spill.directory", spill.toString()).values());
    runner().withBean(CitadelConfig.class, () -> own).run(context -> {
      assertThat(context).as("configured by the application's CitadelConfig bean alone").hasNotFailed();
      assertThat(context.getBean(CitadelConfig.class)).isSameAs(own);
      assertThat(context.getBean(Citadel.class).config().clientName()).isEqualTo("own");
    });
    runner().withPropertyValues(dbProperties()).withBean("myCitadel", Citadel.class,
        () -> Citadel.create(CitadelConfig.fromValues(CitadelTestKit.config(db).with("client.name", "mine")
            .with("audit.spill.directory", spill.resolve("mine").toString()).values())))
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Citadel.class);
          assertThat(context.getBean(Citadel.class).config().clientName()).isEqualTo("mine");
          assertThat(context.getBean(Database.class)).isSameAs(context.getBean(Citadel.class).database());
        });
  }

  @Test
  void theMeterRegistryReachesTheSdkAndItsAbsenceDoesNotMatter() {
    runner().withPropertyValues(dbProperties()).withBean(SimpleMeterRegistry.class).run(context -> {
      assertThat(context.getBean(CitadelMetrics.class)).isInstanceOf(MicrometerMetrics.class);
      context.getBean(Database.class).queryOne("SELECT 1", dev.citadel.client.db.RowMapper.column(Integer.class));
      assertThat(context.getBean(MeterRegistry.class).find("citadel.calls").timers()).isNotEmpty();
    });
    runner().withPropertyValues(dbProperties()).run(context ->
        assertThat(context.getBean(CitadelMetrics.class)).isSameAs(CitadelMetrics.NOOP));
    runner().withPropertyValues(dbProperties()).withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CitadelMetrics.class)
            .hasSingleBean(Citadel.class));
  }

  @Test
  void theDataSourceOptInExposesThePooledEndpointOnlyWhenAsked() {
    runner().withPropertyValues(dbProperties()).withPropertyValues("citadel.database.expose-data-source=true")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(DataSource.class))
              .isSameAs(context.getBean(Database.class).dataSource(Endpoint.POOLED));
        });
    runner().withPropertyValues(dbProperties()).withPropertyValues("citadel.database.expose-data-source=false")
        .run(context -> assertThat(context).doesNotHaveBean(DataSource.class));
  }

  @Test
  void relaxedNamesListsAndMapsBindToTheLoadersKeys() {
    runner().withPropertyValues(dbProperties()).withPropertyValues(
        "citadel.database.pool.max-connections=7",
        "citadel.database.pool.minConnections=1",
        "citadel.database.pool.idle_timeout=2m",
        "citadel.database.default-models=false",
        "citadel.database.schemas[0]=alpha",
        "citadel.database.schemas[1]=beta",
        "citadel.database.models.[DeepSeek-R1]=deepseek",
        "citadel.resilience.retry.max-attempts=4")
        .run(context -> {
          assertThat(context).hasNotFailed();
          CitadelConfig config = context.getBean(CitadelConfig.class);
          assertThat(config.database().pool().maxConnections()).isEqualTo(7);
          assertThat(config.database().pool().minConnections()).isEqualTo(1);
          assertThat(config.database().pool().idleTimeout()).isEqualTo(Duration.ofMinutes(2));
          assertThat(config.resilience().maxAttempts()).isEqualTo(4);
          assertThat(context.getBean(Database.class).models().models())
              .containsExactlyInAnyOrder("alpha", "beta", "DeepSeek-R1");
        });
  }

  @Test
  void environmentVariablesAreReadAsTheLoaderReadsThem() {
    runner().withPropertyValues(dbProperties())
        .withInitializer(c -> c.getEnvironment().getPropertySources().addLast(new SystemEnvironmentPropertySource(
            "systemEnvironment", Map.of("CITADEL_DATABASE_POOL_MAX_CONNECTIONS", "9"))))
        .run(context -> assertThat(context.getBean(CitadelConfig.class).database().pool().maxConnections())
            .isEqualTo(9));
    runner().withPropertyValues(dbProperties())
        .withInitializer(c -> c.getEnvironment().getPropertySources().addLast(new SystemEnvironmentPropertySource(
            "systemEnvironment", Map.of("CITADEL_DATABASE_POOL_MAX_CONECTIONS", "9"))))
        .run(context -> assertThat(context).getFailure().rootCause()
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("CITADEL_DATABASE_POOL_MAX_CONECTIONS")
            .hasMessageContaining("did you mean CITADEL_DATABASE_POOL_MAX_CONNECTIONS?"));
  }

  @Test
  void anUnknownPropertyFailsStartUpNamingItWithTheLoadersSuggestion() {
    runner().withPropertyValues(dbProperties()).withPropertyValues("citadel.database.pool.max-conections=3")
        .run(context -> assertThat(context).getFailure().rootCause()
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith("citadel.database.pool.max-conections: unknown configuration key")
            .hasMessageContaining("did you mean database.pool.max_connections?"));
    runner().withPropertyValues(dbProperties()).withPropertyValues("citadel.databse.host=x")
        .run(context -> assertThat(context).getFailure().rootCause()
            .hasMessageStartingWith("citadel.databse.host: unknown configuration key")
            .hasMessageContaining("did you mean database.host?"));
  }

  @Test
  void aBadValueFailsStartUpNamingThePropertyAndNeverShowsASecret() {
    runner().withPropertyValues(dbProperties()).withPropertyValues("citadel.database.pool.max-connections=many")
        .run(context -> assertThat(context).getFailure().rootCause()
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith("citadel.database.pool.max-connections: must be an integer"));
    runner().withPropertyValues(dbProperties()).withPropertyValues("citadel.auth.key-pepper=short-s3cr3t")
        .run(context -> assertThat(context).getFailure().rootCause()
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith("citadel.auth.key-pepper:")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t")));
  }

  @Test
  void theConfigFileIsLoadedAndPropertiesOverrideIt() throws Exception {
    Path yaml = Files.writeString(spill.resolve("database.yaml"), String.join("\n",
        "client:", "  name: from-file",
        "database:", "  host: " + db.host(), "  port: " + db.port(), "  database: " + db.name(),
        "  user: " + db.username(), "  password: '" + db.password() + "'",
        "  pool: {max_connections: 11, min_connections: 0}",
        "audit:", "  spill: {directory: " + spill.resolve("file-spill") + "}", ""));
    runner().withPropertyValues("citadel.config-file=" + yaml, "citadel.database.pool.max-connections=12")
        .run(context -> {
          assertThat(context).hasNotFailed();
          CitadelConfig config = context.getBean(CitadelConfig.class);
          assertThat(config.clientName()).isEqualTo("from-file");
          assertThat(config.database().pool().maxConnections()).isEqualTo(12);
        });
    runner().withPropertyValues("citadel.config-file=" + spill.resolve("missing.yaml"))
        .run(context -> assertThat(context).getFailure().rootCause()
            .hasMessageStartingWith("citadel.config-file: config file").hasMessageContaining("does not exist"));
  }
}
