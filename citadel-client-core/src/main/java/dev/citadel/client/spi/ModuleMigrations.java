package dev.citadel.client.spi;

import dev.citadel.client.config.spi.Checks;
import java.util.Objects;

/**
 * A module's own Flyway migrations, which {@code Database.migrate()} applies after core's (and
 * before the host's) whenever the module is on the class path. Each module keeps its history in
 * its own table, so its version sequence never collides with core's or another module's.
 *
 * @param module the module's artifact, for messages (e.g. {@code citadel-client-vector})
 * @param location the Flyway location of its SQL files (e.g.
 *     {@code classpath:dev/citadel/client/vector/migration}); the files may use the
 *     {@code ${metadata_schema}} placeholder
 * @param historyTable its history table, in {@code database.migrations.history_schema}
 */
public record ModuleMigrations(String module, String location, String historyTable) {

  /** Checks every component. */
  public ModuleMigrations {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(location, "location");
    Checks.identifier("historyTable", historyTable);
  }
}
