package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.RedisServer;
import dev.citadel.client.testkit.ServerSource;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** What every Redis source shares: connection data, URI, version, description. */
public abstract class BaseRedisServer extends BaseServer implements RedisServer {

  private final String username;
  private final String password;

  /**
   * Creates the shared part for a server with only the default user.
   *
   * @param source where the server comes from
   * @param host the host
   * @param port the port
   * @param password the password, or null for none
   */
  protected BaseRedisServer(ServerSource source, String host, int port, String password) {
    this(source, host, port, null, password);
  }

  /**
   * Creates the shared part.
   *
   * @param source where the server comes from
   * @param host the host
   * @param port the port
   * @param username an ACL user that {@code password} also authenticates, or null
   * @param password the password, or null for none
   */
  protected BaseRedisServer(ServerSource source, String host, int port, String username, String password) {
    super(source, "Redis", host, port);
    this.username = username;
    this.password = password;
  }

  @Override
  public String username() {
    return username;
  }

  @Override
  public String password() {
    return password;
  }

  @Override
  public String uri() {
    String h = host().contains(":") && !host().startsWith("[") ? "[" + host() + "]" : host();
    String user = username == null ? "" : URLEncoder.encode(username, StandardCharsets.UTF_8);
    String auth = password == null ? "" : user + ":" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@";
    return "redis://" + auth + h + ":" + port();
  }

  /**
   * Reads the version from {@code INFO server}.
   *
   * @throws IOException on failure
   */
  protected void readVersion() throws IOException {
    version(Resp.version(host(), port(), password));
  }

  @Override
  public String toString() {
    return describe("RedisServer", (username == null ? "" : ", user=" + username)
        + ", password=" + (password == null ? "none" : "***"));
  }
}
