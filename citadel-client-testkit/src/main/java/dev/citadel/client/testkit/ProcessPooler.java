package dev.citadel.client.testkit;

import dev.citadel.client.testkit.internal.Jdbc;
import dev.citadel.client.testkit.internal.PoolerProcess;

/** What {@link PgBouncer} and {@link Pgpool} share: a supervised process on a fixed port. */
abstract class ProcessPooler implements Pooler {

  private final String name;
  private final String host;
  private final PoolerProcess process;

  ProcessPooler(String name, String host, PoolerProcess process) {
    this.name = name;
    this.host = host;
    this.process = process;
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public int port() {
    return process.port();
  }

  @Override
  public String jdbcUrl(String database) {
    return Jdbc.url(host, port(), database);
  }

  @Override
  public void stop() {
    process.stop();
  }

  @Override
  public void start() {
    process.start();
  }

  @Override
  public void close() {
    process.destroy();
  }

  @Override
  public String toString() {
    return name + "[" + version() + " at " + host + ":" + port() + (process.running() ? "" : ", stopped") + "]";
  }
}
