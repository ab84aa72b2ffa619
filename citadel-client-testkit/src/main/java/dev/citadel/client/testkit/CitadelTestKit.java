package dev.citadel.client.testkit;

import dev.citadel.client.testkit.internal.Servers;
import dev.citadel.client.testkit.internal.Settings;

/**
 * Entry point of the test kit: a real PostgreSQL and a real Redis for tests, shared by the whole JVM.
 *
 * <p>Each server is resolved lazily on first use, at most once per JVM, and the choice is logged at INFO
 * (source, version, host and port; never the password). Servers the kit started are stopped and their files
 * deleted by a JVM shutdown hook. Sources are tried in this order:
 * <ol>
 *   <li>{@link ServerSource#EXTERNAL}: an existing server named by environment variables (or system properties
 *       of the same name, which take precedence);</li>
 *   <li>{@link ServerSource#TESTCONTAINERS}: a container ({@code postgres:17}, {@code redis:7}) when a Docker
 *       engine answers;</li>
 *   <li>{@link ServerSource#EMBEDDED}: PostgreSQL 17 and Redis binaries shipped in Maven Central artifacts,
 *       started as local processes on free ports of {@code 127.0.0.1}.</li>
 * </ol>
 *
 * <p>Variables (environment or system property):
 * <table>
 *   <caption>Configuration</caption>
 *   <tr><th>Name</th><th>Meaning</th></tr>
 *   <tr><td>{@code CITADEL_TESTKIT_MODE}</td><td>force a source: {@code external}, {@code testcontainers} or
 *       {@code embedded}; forcing {@code external} without the host variable is an error</td></tr>
 *   <tr><td>{@code CITADEL_TEST_POSTGRES_HOST}</td><td>external PostgreSQL host; setting it selects external
 *       mode for PostgreSQL</td></tr>
 *   <tr><td>{@code CITADEL_TEST_POSTGRES_PORT}</td><td>its port, default {@code 5432}</td></tr>
 *   <tr><td>{@code CITADEL_TEST_POSTGRES_USER}</td><td>user, default {@code postgres}; it needs
 *       {@code CREATEDB}</td></tr>
 *   <tr><td>{@code CITADEL_TEST_POSTGRES_PASSWORD}</td><td>password, may be empty</td></tr>
 *   <tr><td>{@code CITADEL_TEST_POSTGRES_DATABASE}</td><td>database to connect to for administration, default
 *       {@code postgres}</td></tr>
 *   <tr><td>{@code CITADEL_TEST_REDIS_HOST}</td><td>external Redis host; setting it selects external mode for
 *       Redis</td></tr>
 *   <tr><td>{@code CITADEL_TEST_REDIS_PORT}</td><td>its port, default {@code 6379}</td></tr>
 *   <tr><td>{@code CITADEL_TEST_REDIS_PASSWORD}</td><td>password, unset or empty for none</td></tr>
 *   <tr><td>{@code CITADEL_TESTKIT_PG_OS_USER}</td><td>embedded mode only: the unprivileged operating-system
 *       user that runs PostgreSQL when the JVM runs as root, default {@code nobody}</td></tr>
 * </table>
 *
 * <p>Thread-safe. With JUnit 5, {@link CitadelTestKitExtension} injects the servers and per-class databases.
 */
public final class CitadelTestKit {

    private static final Object POSTGRES_LOCK = new Object();
    private static final Object REDIS_LOCK = new Object();
    private static PostgresServer postgres;
    private static RuntimeException postgresFailure;
    private static RedisServer redis;
    private static RuntimeException redisFailure;

    private CitadelTestKit() {
    }

    /**
     * Returns the JVM-wide PostgreSQL server, resolving and starting it on first call.
     *
     * @return the shared server
     * @throws IllegalStateException when no server can be provided; later calls report the same failure
     */
    public static PostgresServer postgres() {
        synchronized (POSTGRES_LOCK) {
            if (postgres == null) {
                if (postgresFailure != null) {
                    throw new IllegalStateException("Citadel test kit: PostgreSQL could not be provided earlier in this JVM: "
                            + postgresFailure.getMessage(), postgresFailure);
                }
                try {
                    postgres = Servers.postgres(Settings.fromEnvironment());
                } catch (RuntimeException e) {
                    postgresFailure = e;
                    throw e;
                }
            }
            return postgres;
        }
    }

    /**
     * Returns the JVM-wide Redis server, resolving and starting it on first call.
     *
     * @return the shared server
     * @throws IllegalStateException when no server can be provided; later calls report the same failure
     */
    public static RedisServer redis() {
        synchronized (REDIS_LOCK) {
            if (redis == null) {
                if (redisFailure != null) {
                    throw new IllegalStateException("Citadel test kit: Redis could not be provided earlier in this JVM: "
                            + redisFailure.getMessage(), redisFailure);
                }
                try {
                    redis = Servers.redis(Settings.fromEnvironment());
                } catch (RuntimeException e) {
                    redisFailure = e;
                    throw e;
                }
            }
            return redis;
        }
    }
}
