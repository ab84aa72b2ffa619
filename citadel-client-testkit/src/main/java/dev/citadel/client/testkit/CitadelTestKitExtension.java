package dev.citadel.client.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that injects test kit servers into constructors, lifecycle and test methods.
 *
 * <p>Supported parameter types:
 * <ul>
 *   <li>{@link PostgresServer}: {@link CitadelTestKit#postgres()};</li>
 *   <li>{@link RedisServer}: {@link CitadelTestKit#redis()};</li>
 *   <li>{@link RedisCluster}: {@link CitadelTestKit#redisCluster()};</li>
 *   <li>{@link TestDatabase}: a fresh database per test class (each {@code @Nested} class gets its own), created
 *       on first injection and dropped after the class has run;</li>
 *   <li>{@link TestConfig}: {@link CitadelTestKit#config(ConfigValues...)} for that per-class database, ready for
 *       {@code CitadelConfig.fromValues(config.values())}.</li>
 * </ul>
 *
 * <pre>{@code
 * @ExtendWith(CitadelTestKitExtension.class)
 * class RepositoryIT {
 *     @Test
 *     void saves(TestDatabase db, RedisServer redis) { ... }
 * }
 * }</pre>
 */
public final class CitadelTestKitExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(CitadelTestKitExtension.class);
  private static final String DATABASE_KEY = "testDatabase";

  /** Creates the extension; JUnit does this for {@code @ExtendWith}. */
  public CitadelTestKitExtension() {
  }

  /**
   * Tells whether the parameter is one of the supported types.
   *
   * @param parameterContext the parameter
   * @param extensionContext the current extension context
   * @return true for {@link PostgresServer}, {@link RedisServer}, {@link RedisCluster}, {@link TestDatabase} and
   *     {@link TestConfig}
   */
  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == PostgresServer.class || type == RedisServer.class || type == RedisCluster.class
        || type == TestDatabase.class || type == TestConfig.class;
  }

  /**
   * Provides the server or per-class database for the parameter.
   *
   * @param parameterContext the parameter
   * @param extensionContext the current extension context
   * @return the value to inject
   * @throws ParameterResolutionException when the server or database cannot be provided
   */
  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    try {
      if (type == PostgresServer.class) {
        return CitadelTestKit.postgres();
      }
      if (type == RedisServer.class) {
        return CitadelTestKit.redis();
      }
      if (type == RedisCluster.class) {
        return CitadelTestKit.redisCluster();
      }
      if (type == TestDatabase.class) {
        return classDatabase(extensionContext);
      }
      if (type == TestConfig.class) {
        return CitadelTestKit.config(classDatabase(extensionContext));
      }
    } catch (RuntimeException e) {
      throw new ParameterResolutionException("Citadel test kit cannot provide " + type.getSimpleName()
          + ": " + e.getMessage(), e);
    }
    throw new ParameterResolutionException("Unsupported parameter type " + type.getName());
  }

  private static TestDatabase classDatabase(ExtensionContext extensionContext) {
    return classContext(extensionContext).getStore(NAMESPACE)
        .getOrComputeIfAbsent(DATABASE_KEY,
            key -> new DatabaseResource(CitadelTestKit.postgres().createDatabase()),
            DatabaseResource.class)
        .database;
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  /**
   * Drops the per-class database when JUnit closes the class-level store. It is both a
   * {@code CloseableResource} (closed by every JUnit 5 version) and an {@link AutoCloseable} (closed by
   * JUnit 5.13+); closing is idempotent, so being closed by both is harmless.
   */
  @SuppressWarnings("deprecation")
  private static final class DatabaseResource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final TestDatabase database;

    DatabaseResource(TestDatabase database) {
      this.database = database;
    }

    @Override
    public void close() {
      database.close();
    }
  }
}
