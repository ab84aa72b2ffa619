package dev.citadel.client.testkit.internal;

import dev.citadel.client.testkit.TestDatabase;

/** A database created by {@link BasePostgresServer#createDatabase()}. */
final class PgTestDatabase implements TestDatabase {

  private final BasePostgresServer server;
  private final String name;
  private boolean dropped; // guarded by this

  PgTestDatabase(BasePostgresServer server, String name) {
    this.server = server;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
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
  public String jdbcUrl() {
    return server.jdbcUrl(name);
  }

  @Override
  public synchronized void close() {
    if (!dropped) {
      server.dropDatabase(this);
      dropped = true;
    }
  }

  @Override
  public String toString() {
    return "TestDatabase[" + name + " on " + server.host() + ":" + server.port() + ", user="
        + server.username() + "]";
  }
}
