package dev.citadel.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring test's application context at the citadel-client test kit's real servers, the
 * way {@code @ServiceConnection} does for Testcontainers: a fresh database on the kit's
 * PostgreSQL ({@code CitadelTestKit.postgres().createDatabase()}), the kit's Redis and its Qdrant
 * (the local server in-process, or a container or an external one, as the kit decides), with the
 * kit's quick-failure test defaults, and a fresh temporary audit spill directory per context. The kit's values ({@code CitadelTestKit.config(...)}) become
 * {@code citadel.*} properties of the test's environment, below the test's own
 * {@code @SpringBootTest(properties = ...)} / {@code @TestPropertySource} values, which win.
 *
 * <pre>{@code
 * @SpringBootTest
 * @CitadelTestKitServers
 * class ChatServiceIT { @Autowired Citadel citadel; ... }
 * }</pre>
 *
 * <p>Needs {@code citadel-client-testkit} as a test dependency. The database is exposed as a
 * {@code TestDatabase} bean ({@code citadelTestDatabase}) and outlives the context (a test may
 * check what was written after closing it); it is dropped when the JVM exits.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface CitadelTestKitServers {

  /** Whether to configure the kit's Redis ({@code citadel.redis.*}); the cache module must be present. */
  boolean redis() default true;

  /** Whether to configure the kit's Qdrant ({@code citadel.qdrant.*}); the vector module must be present. */
  boolean qdrant() default true;
}
