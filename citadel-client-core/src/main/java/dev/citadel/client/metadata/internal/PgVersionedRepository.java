package dev.citadel.client.metadata.internal;

import dev.citadel.client.metadata.VersionedRepository;
import java.util.Optional;
import java.util.UUID;

/** Reads and deletes of a {@link VersionedTable}; subclasses say which columns an update saves. */
abstract class PgVersionedRepository<T> implements VersionedRepository<T> {
  /** The table the repository reads and writes. */
  protected final VersionedTable<T> table;

  PgVersionedRepository(VersionedTable<T> table) {
    this.table = table;
  }

  @Override
  public Optional<T> find(UUID id) {
    return table.find(id);
  }

  @Override
  public T get(UUID id) {
    return table.get(id);
  }

  @Override
  public void delete(UUID id, long expectedVersion) {
    table.delete(id, expectedVersion);
  }
}
