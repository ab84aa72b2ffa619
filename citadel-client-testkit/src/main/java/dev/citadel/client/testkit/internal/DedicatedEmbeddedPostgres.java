package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.DedicatedPostgres;
import dev.citadel.client.testkit.ServerSource;
import dev.citadel.client.testkit.TestDatabase;

/** A {@link DedicatedPostgres}: an {@link EmbeddedPostgresServer} its user may close. */
public final class DedicatedEmbeddedPostgres implements DedicatedPostgres {

  private final EmbeddedPostgresServer server;

  /**
   * Wraps a server started for one user.
   *
   * @param server the running server
   */
  public DedicatedEmbeddedPostgres(EmbeddedPostgresServer server) {
    this.server = server;
  }

  @Override
  public ServerSource source() {
    return server.source();
  }

  @Override
  public String host() {
    return server.host();
  }

  @Override
  public int port() {
    return server.port();
  }

  @Override
  public String username() {
    return server.username();
  }

  @Override
  public String password() {
    return server.password();
  }

  @Override
  public String adminDatabase() {
    return server.adminDatabase();
  }

  @Override
  public String jdbcUrl(String database) {
    return server.jdbcUrl(database);
  }

  @Override
  public String version() {
    return server.version();
  }

  @Override
  public TestDatabase createDatabase() {
    return server.createDatabase();
  }

  @Override
  public boolean controllable() {
    return server.controllable();
  }

  @Override
  public void stop() {
    server.stop();
  }

  @Override
  public void start() {
    server.start();
  }

  @Override
  public void close() {
    server.destroy();
  }

  @Override
  public String toString() {
    return "Dedicated" + server;
  }
}
