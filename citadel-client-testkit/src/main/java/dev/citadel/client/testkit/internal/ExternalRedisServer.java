package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.ServerSource;

import java.io.IOException;

/** A Redis server named by {@code CITADEL_TEST_REDIS_*} variables; it is neither started nor stopped. */
public final class ExternalRedisServer extends BaseRedisServer {

  private ExternalRedisServer(String host, int port, String password) {
    super(ServerSource.EXTERNAL, host, port, password);
  }

  /**
   * Checks that the server named by the settings answers and reads its version.
   *
   * @param settings must name {@link Settings#REDIS_HOST}
   * @return the server
   * @throws IllegalStateException when the host is not set or the server does not answer
   */
  public static ExternalRedisServer connect(Settings settings) {
    String host = settings.get(Settings.REDIS_HOST);
    if (host == null) {
      throw new IllegalStateException(Settings.REDIS_HOST + " is not set: no external Redis is named");
    }
    int port = settings.port(Settings.REDIS_PORT, 6379);
    String password = settings.raw(Settings.REDIS_PASSWORD);
    if (password != null && password.isEmpty()) {
      password = null;
    }
    ExternalRedisServer server = new ExternalRedisServer(host, port, password);
    try {
      server.readVersion();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot reach the external Redis at " + host + ":" + port + " named by "
          + Settings.REDIS_HOST + ": " + e.getMessage(), e);
    }
    return server;
  }
}
