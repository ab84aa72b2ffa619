package dev.citadel.client.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A running Redis server for tests, as returned by {@link CitadelTestKit#redis()}.
 *
 * <p>Implementations are thread-safe. {@code toString()} never contains the password.
 */
public interface RedisServer extends ConfigValues {

  /**
   * Tells where this server comes from.
   *
   * @return the source of this server
   */
  ServerSource source();

  /**
   * Returns the host name or address clients connect to.
   *
   * @return the host, e.g. {@code 127.0.0.1}
   */
  String host();

  /**
   * Returns the TCP port clients connect to.
   *
   * @return the port
   */
  int port();

  /**
   * Returns the password clients must send with {@code AUTH}.
   *
   * @return the password, or {@code null} when the server needs none
   */
  String password();

  /**
   * Returns the ACL user clients may authenticate as with {@link #password()} (Redis 6 {@code AUTH user pass}).
   *
   * @return the user name, or {@code null} when the server only has the default user
   */
  default String username() {
    return null;
  }

  /**
   * Returns a Redis URI for this server, including the user and password when there are some.
   *
   * @return {@code redis://host:port}, {@code redis://:password@host:port} or {@code redis://user:password@host:port}
   */
  String uri();

  /**
   * Tells whether {@link #stop()} and {@link #start()} are supported; true for {@link ServerSource#EMBEDDED}.
   *
   * @return true when the server process can be stopped and started again
   */
  boolean controllable();

  /**
   * Stops the server process without saving and waits until it is gone. Does nothing when already stopped.
   *
   * @throws UnsupportedOperationException when {@link #controllable()} is false
   */
  void stop();

  /**
   * Starts the server process again on the same port and waits until it answers {@code PING}.
   * Does nothing when it is already running.
   *
   * @throws UnsupportedOperationException when {@link #controllable()} is false
   */
  void start();

  /**
   * Returns this server as citadel-client's {@code redis.*} settings: host, port, and the user
   * and password when it has them.
   *
   * @return the values
   */
  @Override
  default Map<String, String> configValues() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("redis.host", host());
    values.put("redis.port", Integer.toString(port()));
    if (username() != null) {
      values.put("redis.user", username());
    }
    if (password() != null) {
      values.put("redis.password", password());
    }
    return values;
  }
}
