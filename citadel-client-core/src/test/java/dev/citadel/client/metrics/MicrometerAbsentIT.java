package dev.citadel.client.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Micrometer is optional in core: with the default (no-op) hook, a client runs statements on a
 * class path where no {@code io.micrometer} class can be loaded at all. The SDK's classes are
 * loaded again by a loader that refuses every Micrometer class and records each attempt; the
 * libraries below them (HikariCP, PgJDBC, Failsafe, ...) come from the test's own class path.
 */
@ExtendWith(CitadelTestKitExtension.class)
class MicrometerAbsentIT {

  @Test
  void aClientRunsStatementsWithoutAnyMicrometerClass(TestDatabase db) throws Exception {
    Map<String, String> values = CitadelTestKit.config(db).values();
    URL[] sdkClasses = {
        CitadelMetrics.class.getProtectionDomain().getCodeSource().getLocation(),
        MicrometerAbsentIT.class.getProtectionDomain().getCodeSource().getLocation()};
    try (WithoutMicrometer loader = new WithoutMicrometer(sdkClasses, getClass().getClassLoader())) {
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(loader); // the config sections are found with ServiceLoader
      Object answer;
      try {
        @SuppressWarnings("unchecked")
        Function<Map<String, String>, Object> run = (Function<Map<String, String>, Object>)
            loader.loadClass(QueryWithNoopHook.class.getName()).getDeclaredConstructor().newInstance();
        assertThat(run.getClass().getClassLoader()).as("the SDK runs in the isolating loader").isSameAs(loader);
        answer = run.apply(values);
      } finally {
        thread.setContextClassLoader(previous);
      }
      assertThat(answer).isEqualTo(42);
      assertThat(loader.refused).as("Micrometer classes the SDK tried to load").isEmpty();
    }
  }

  /** Runs inside the isolating loader: a client with the default hook, one query, closed. */
  public static final class QueryWithNoopHook implements Function<Map<String, String>, Object> {
    @Override
    public Object apply(Map<String, String> values) {
      try (Database database = Database.create(CitadelConfig.fromValues(values), CitadelMetrics.NOOP)) {
        database.forModel("mixtral"); // a routed path too: its calls are derived at creation
        return database.queryOne("SELECT 41 + ?", RowMapper.column(Integer.class), 1);
      }
    }
  }

  /** Loads the SDK's classes itself (child first) and refuses every {@code io.micrometer} class. */
  private static final class WithoutMicrometer extends URLClassLoader {
    final List<String> refused = new CopyOnWriteArrayList<>();

    WithoutMicrometer(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("io.micrometer.")) {
        refused.add(name);
        throw new ClassNotFoundException(name + " is hidden from this test's SDK classes");
      }
      if (name.startsWith("dev.citadel.client.") && !name.startsWith("dev.citadel.client.testkit.")) {
        synchronized (getClassLoadingLock(name)) {
          Class<?> loaded = findLoadedClass(name);
          if (loaded == null) {
            try {
              loaded = findClass(name);
            } catch (ClassNotFoundException notHere) {
              return super.loadClass(name, resolve);
            }
          }
          if (resolve) {
            resolveClass(loaded);
          }
          return loaded;
        }
      }
      return super.loadClass(name, resolve);
    }
  }
}
