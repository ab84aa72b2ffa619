package dev.citadel.client.audit.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a spill queue's records to the database and chain they were written for. Records left by
 * an earlier run are replayed only where their {@link SpillBinding} says they belong; records
 * without a readable binding, or bound elsewhere, are set aside ({@link SpillQueue#setAside()}),
 * logged and counted, never replayed. A file whose binding names a database identity can only be
 * judged once the writer has connected: until then nothing is appended to it.
 *
 * <p>Not thread-safe: the pipeline guards it with its lock.
 */
final class SpillOwner {
  private static final Logger LOG = LoggerFactory.getLogger(SpillOwner.class);

  private final SpillQueue spill;
  private SpillBinding current;
  /** The binding of recovered records waiting for the database's identity; null when none wait. */
  private SpillBinding awaiting;
  private long setAside;

  /** @param current this writer's binding, without identity yet */
  SpillOwner(SpillQueue spill, SpillBinding current) {
    this.spill = spill;
    this.current = current;
  }

  /**
   * Judges the records the queue found when it opened: keeps them (now, or pending the
   * database's identity) or sets them aside.
   *
   * @return how many recovered records are kept for replay
   */
  long adoptRecovered() throws IOException {
    long recovered = spill.recoveredRecords();
    if (!spill.hasSegments()) {
      spill.bind(current.text());
      return 0;
    }
    Optional<SpillBinding> found = spill.binding().flatMap(SpillBinding::parse);
    if (found.isEmpty()) {
      setAside(recovered, "it has no readable binding file (written by an older version, or damaged)");
      return 0;
    }
    SpillBinding left = found.get();
    if (left.identity() != null && left.chainId().equals(current.chainId())) {
      awaiting = left;
      LOG.info("audit spill {}: {} events of {} are replayed once the database confirms it is the same;"
          + " until then new events are not spilled", spill.directory(), recovered, left);
      return recovered;
    }
    if (!left.belongsTo(current)) {
      setAside(recovered, "it belongs to " + left + ", not to " + current);
      return 0;
    }
    spill.bind(current.text());
    return recovered;
  }

  /** Whether events may be appended to the queue now. */
  boolean mayAppend() {
    return awaiting == null;
  }

  /** Whether the database's identity is still unknown. */
  boolean needsIdentity() {
    return current.identity() == null;
  }

  /**
   * Takes the database's identity: binds the queue to it, and judges recovered records that
   * waited for it.
   *
   * @return how many waiting records were set aside (0 when they belong here)
   */
  long identified(DatabaseIdentity database) throws IOException {
    current = current.identified(database);
    long dropped = 0;
    if (awaiting != null) {
      SpillBinding left = awaiting;
      awaiting = null;
      if (!left.belongsTo(current)) {
        dropped = spill.recoveredRecords();
        setAside(dropped, "it belongs to " + left + ", not to " + current);
      }
    }
    if (dropped == 0) {
      spill.bind(current.text());
    }
    return dropped;
  }

  /** Records set aside so far. */
  long setAsideRecords() {
    return setAside;
  }

  /** Moves the queue's files aside; the queue continues empty, bound to this writer. */
  private void setAside(long records, String why) throws IOException {
    Path where = spill.setAside();
    spill.bind(current.text());
    setAside += records;
    LOG.error("audit spill {}: {} events were NOT replayed because {}; they are kept in {} for an operator",
        spill.directory(), records, why, where);
  }
}
