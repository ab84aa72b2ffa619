package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.PostgresServer;
import dev.citadel.client.testkit.RedisServer;
import dev.citadel.client.testkit.ServerSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the servers chosen by {@link SourceResolver} and logs which one is used. */
public final class Servers {

    private static final Logger LOG = LoggerFactory.getLogger("dev.citadel.client.testkit");

    private Servers() {
    }

    /**
     * Resolves and starts a PostgreSQL server.
     *
     * @param settings the configuration
     * @return the running server
     */
    public static PostgresServer postgres(Settings settings) {
        ServerSource source = SourceResolver.choose(SourceResolver.Kind.POSTGRES, settings, DockerProbe::dockerAvailable);
        PostgresServer server;
        switch (source) {
            case EXTERNAL:
                server = ExternalPostgresServer.connect(settings);
                break;
            case TESTCONTAINERS:
                server = ContainerPostgresServer.launch();
                break;
            default:
                server = EmbeddedPostgresServer.launch(settings);
                break;
        }
        LOG.info("Citadel test kit PostgreSQL: source={} version={} at {}:{}",
                server.source(), server.version(), server.host(), server.port());
        return server;
    }

    /**
     * Resolves and starts a Redis server.
     *
     * @param settings the configuration
     * @return the running server
     */
    public static RedisServer redis(Settings settings) {
        ServerSource source = SourceResolver.choose(SourceResolver.Kind.REDIS, settings, DockerProbe::dockerAvailable);
        BaseRedisServer server;
        switch (source) {
            case EXTERNAL:
                server = ExternalRedisServer.connect(settings);
                break;
            case TESTCONTAINERS:
                server = ContainerRedisServer.launch();
                break;
            default:
                server = EmbeddedRedisServer.launch();
                break;
        }
        LOG.info("Citadel test kit Redis: source={} version={} at {}:{}",
                server.source(), server.version(), server.host(), server.port());
        return server;
    }
}
