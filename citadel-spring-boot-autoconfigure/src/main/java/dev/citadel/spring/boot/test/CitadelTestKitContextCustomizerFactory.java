package dev.citadel.spring.boot.test;

import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.ConfigValues;
import dev.citadel.client.testkit.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * The one glue from the test kit to a Spring test: for a class annotated with
 * {@link CitadelTestKitServers}, turns the kit's {@code ConfigValues} into {@code citadel.*}
 * properties. Registered in {@code META-INF/spring.factories}.
 */
public final class CitadelTestKitContextCustomizerFactory implements ContextCustomizerFactory {

  /** The name of the property source holding the kit's values. */
  public static final String PROPERTY_SOURCE = "citadelTestKit";
  private static final Logger LOG = LoggerFactory.getLogger(CitadelTestKitContextCustomizerFactory.class);

  @Override
  public ContextCustomizer createContextCustomizer(Class<?> testClass,
      List<ContextConfigurationAttributes> configAttributes) {
    CitadelTestKitServers servers = AnnotatedElementUtils.findMergedAnnotation(testClass, CitadelTestKitServers.class);
    return servers == null ? null : new Customizer(servers.redis(), servers.qdrant());
  }

  private record Customizer(boolean redis, boolean qdrant) implements ContextCustomizer {
    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration merged) {
      TestDatabase db = CitadelTestKit.postgres().createDatabase("citadel_spring_");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> dropQuietly(db), "citadel-testkit-drop-" + db.name()));
      List<ConfigValues> sources = new ArrayList<>(List.of(db));
      if (redis) {
        sources.add(CitadelTestKit.redis());
      }
      if (qdrant) {
        sources.add(CitadelTestKit.qdrant());
      }
      Map<String, Object> properties = new LinkedHashMap<>();
      CitadelTestKit.config(sources.toArray(ConfigValues[]::new)).values()
          .forEach((key, value) -> properties.put("citadel." + key, value));
      // contexts of one JVM never share an audit spill directory (the audit log locks its own)
      properties.put("citadel.audit.spill.directory", spillDirectory(db).toString());
      MutablePropertySources propertySources = context.getEnvironment().getPropertySources();
      MapPropertySource kit = new MapPropertySource(PROPERTY_SOURCE, properties);
      if (propertySources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
        propertySources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, kit);
      } else {
        propertySources.addFirst(kit);
      }
      context.getBeanFactory().registerSingleton("citadelTestDatabase", db);
    }
  }

  private static Path spillDirectory(TestDatabase db) {
    try {
      return Files.createTempDirectory("citadel-spring-audit-" + db.name() + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the test context's audit spill directory", e);
    }
  }

  private static void dropQuietly(TestDatabase db) {
    try {
      db.close();
    } catch (RuntimeException e) {
      // At JVM exit the kit may already have stopped its server (and with it the database).
      LOG.debug("test database {} not dropped at exit: {}", db.name(), e.getMessage());
    }
  }
}
