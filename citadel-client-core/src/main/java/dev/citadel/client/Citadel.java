package dev.citadel.client;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.db.Database;
import dev.citadel.client.health.HealthReport;
import dev.citadel.client.metrics.CitadelMetrics;
import java.util.List;
import java.util.Objects;

/**
 * The one object a host application gets from one config: the Java counterpart of the Citadel
 * {@code DatabaseManager}. It reaches the database (pooled and direct, routed per model) and
 * reports health over everything it created; {@link #close()} closes all of it. Thread-safe;
 * create one per application.
 *
 * <pre>{@code
 * try (Citadel citadel = Citadel.create(CitadelConfig.load(Path.of("database.yaml")))) {
 *   citadel.database().migrate();
 *   System.out.println(citadel.health());
 * }
 * }</pre>
 */
public final class Citadel implements AutoCloseable {
  private final CitadelConfig config;
  private final Database database;

  private Citadel(CitadelConfig config, Database database) {
    this.config = config;
    this.database = database;
  }

  /** Creates the client without metrics. Opens no connection unless migrations run on start. */
  public static Citadel create(CitadelConfig config) {
    return create(config, CitadelMetrics.NOOP);
  }

  /**
   * Creates the client, reporting to {@code metrics} (which stays the caller's to close).
   *
   * @throws ConfigException when the config has no database section
   */
  public static Citadel create(CitadelConfig config, CitadelMetrics metrics) {
    Objects.requireNonNull(config, "config");
    return new Citadel(config, Database.create(config, metrics));
  }

  /** The configuration this client was built from (secrets masked in its toString). */
  public CitadelConfig config() {
    return config;
  }

  /** The PostgreSQL client. */
  public Database database() {
    return database;
  }

  /** One report over every backend this client uses. */
  public HealthReport health() {
    return HealthReport.of(List.copyOf(database.health().checks()));
  }

  /** Closes everything this client created (idempotent). */
  @Override
  public void close() {
    database.close();
  }

  @Override
  public String toString() {
    return "Citadel[" + config.clientName() + ", " + database + "]";
  }
}
