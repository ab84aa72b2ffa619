package dev.citadel.client.migration.internal;

import dev.citadel.client.CitadelException;
import dev.citadel.client.UnavailableException;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.config.MigrationConfig;
import dev.citadel.client.db.internal.PgEndpoint;
import dev.citadel.client.db.internal.SqlFailures;
import dev.citadel.client.migration.MigrationResult;
import dev.citadel.client.spi.CitadelExtensionProvider;
import dev.citadel.client.spi.ModuleMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * Runs citadel-client's migrations, then provisions model schemas registered after V1/V2 were
 * applied, then the migrations of the modules on the class path ({@link ModuleMigrations}, each
 * with its own history table), then the host's own locations (separate history table). Always on
 * the direct endpoint: Flyway holds a session-level advisory lock, which a transaction pooler
 * would break.
 */
public final class MigrationRunner {
  /** Where the SQL migrations live in the core jar. */
  public static final String LOCATION = "classpath:dev/citadel/client/db/migration";

  /** Flyway's view of citadel-client's own history. */
  public record Status(int applied, int pending, String version, boolean failed) {}

  private final DatabaseConfig config;
  private final List<String> schemas;

  public MigrationRunner(DatabaseConfig config) {
    this.config = config;
    this.schemas = List.copyOf(new LinkedHashSet<>(config.models().values()));
  }

  /**
   * Migrates over {@code endpoint} (the direct one), borrowing each connection as the SDK's calls
   * do, so a refused login fails as fast and as typed as on a query.
   *
   * @throws dev.citadel.client.AuthenticationException when the server refuses the login
   *     ({@link dev.citadel.client.UnknownDatabaseException} when the database does not exist)
   * @throws dev.citadel.client.UnavailableException when the server cannot be reached
   * @throws CitadelException when a migration fails
   */
  public MigrationResult migrate(PgEndpoint endpoint) {
    String backend = endpoint.backend();
    DataSource direct = new EndpointDataSource(endpoint);
    try {
      Flyway ours = ours(direct);
      int applied = ours.migrate().migrationsExecuted;
      try (Connection c = direct.getConnection()) {
        ModelSchemas.createSchemas(c, schemas);
        ModelSchemas.createTables(c, schemas);
      }
      for (ModuleMigrations module : moduleMigrations()) {
        flyway(direct, MigrationRunner.class.getClassLoader(), module.historyTable(), module.location())
            .migrate();
      }
      int appApplied = config.migrations().locations().isEmpty() ? 0 : app(direct).migrate().migrationsExecuted;
      MigrationInfo current = ours.info().current();
      return new MigrationResult(applied, appApplied,
          current == null ? null : current.getVersion().getVersion(), schemas);
    } catch (FlywayException | SQLException e) {
      throw failure(backend, "migration failed", e);
    }
  }

  /** Flyway's view of the history on {@code endpoint}, failing like {@link #migrate}. */
  public Status status(PgEndpoint endpoint) {
    String backend = endpoint.backend();
    try {
      MigrationInfoService info = ours(new EndpointDataSource(endpoint)).info();
      MigrationInfo current = info.current();
      boolean failed = Arrays.stream(info.all()).anyMatch(m -> m.getState().isFailed());
      int applied = (int) Arrays.stream(info.applied())
          .filter(m -> m.getVersion() != null && !"0".equals(m.getVersion().getVersion()))
          .count();
      return new Status(applied, info.pending().length,
          current == null ? null : current.getVersion().getVersion(), failed);
    } catch (FlywayException e) {
      throw failure(backend, "reading migration history failed", e);
    }
  }

  private Flyway ours(DataSource ds) {
    MigrationConfig m = config.migrations();
    return Flyway.configure(MigrationRunner.class.getClassLoader())
        .dataSource(ds)
        .locations(LOCATION)
        .javaMigrations(new V1__Init_model_schemas(schemas), new V2__Bootstrap_llm_tables(schemas))
        .defaultSchema(m.historySchema())
        .table(m.table())
        // A host database already has tables in the history schema: start our history there
        // at version 0 instead of refusing.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        // The vector outbox (once V5 here) moved to the vector module's own history: a database
        // migrated before the move lists it, and that is not an error.
        .ignoreMigrationPatterns("*:missing")
        .placeholders(Map.of("metadata_schema", config.metadataSchema()))
        .cleanDisabled(true)
        .load();
  }

  private Flyway app(DataSource ds) {
    MigrationConfig m = config.migrations();
    return flyway(ds, Thread.currentThread().getContextClassLoader(), m.appTable(),
        m.locations().toArray(String[]::new));
  }

  /** The migrations of the modules on the class path, in a stable order. */
  private static List<ModuleMigrations> moduleMigrations() {
    List<ModuleMigrations> all = new ArrayList<>();
    ServiceLoader.load(CitadelExtensionProvider.class, MigrationRunner.class.getClassLoader())
        .forEach(p -> all.addAll(p.migrations()));
    all.sort(Comparator.comparing(ModuleMigrations::historyTable));
    return all;
  }

  /** A Flyway over {@code locations} with its own history {@code table}. */
  private Flyway flyway(DataSource ds, ClassLoader loader, String table, String... locations) {
    MigrationConfig m = config.migrations();
    return Flyway.configure(loader)
        .dataSource(ds)
        .locations(locations)
        .defaultSchema(m.historySchema())
        .table(table)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .placeholders(Map.of("metadata_schema", config.metadataSchema()))
        .cleanDisabled(true)
        .load();
  }

  private static RuntimeException failure(String backend, String what, Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && (SqlFailures.INSTANCE.isTransient(sql) || SqlFailures.isLoginRefusal(sql))) {
        return SqlFailures.INSTANCE.translate(backend, sql, 1);
      }
      if (t instanceof SQLException sql && brokenByThePool(sql)) {
        return new UnavailableException(backend, false,
            backend + " is unavailable: " + what + ": " + e.getMessage(), e);
      }
    }
    return new CitadelException(backend + ": " + what + ": " + e.getMessage(), e);
  }

  /**
   * HikariCP's answer on a connection it closed after a network failure (a read that timed out,
   * a reset). Flyway swallows that first failure in some of its probes and then reports only this
   * one, which has no SQLSTATE; HikariCP's message is fixed, untranslated text.
   */
  private static boolean brokenByThePool(SQLException e) {
    return e.getSQLState() == null && "Connection is closed".equals(e.getMessage());
  }
}
