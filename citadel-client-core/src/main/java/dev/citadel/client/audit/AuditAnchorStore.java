package dev.citadel.client.audit;

import dev.citadel.client.audit.internal.FileAnchorStore;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the audit writer publishes its keyed chain heads ({@link AuditAnchor}s), outside
 * PostgreSQL, so that someone who can rewrite schema {@code audit} cannot also move the head the
 * verifier compares against. Built in: a file ({@code audit.anchor.file}, see {@link #file}) and,
 * stores modules offer through {@code CitadelExtension.auditAnchorStore()}. Implement it for the host's
 * own write-once (WORM) store and pass it to {@link AuditLog#create(dev.citadel.client.db.Database,
 * dev.citadel.client.config.AuditConfig, java.util.List)} and {@link AuditVerifier#create(
 * dev.citadel.client.db.Database, java.util.List, java.util.List)}.
 *
 * <p>Implementations must be thread-safe. {@link #publish} is called from the audit writer's
 * thread after a batch commits (at most once per {@code audit.anchor.interval}) and on close; a
 * failure there is logged and retried at the next interval, it never stops the writer.
 */
public interface AuditAnchorStore {

  /** A short name for messages, e.g. {@code file /var/lib/app/audit.anchor}. */
  String name();

  /**
   * Stores {@code anchor} as the latest of its chain (a store may keep older ones too).
   *
   * @throws RuntimeException when it could not be stored
   */
  void publish(AuditAnchor anchor);

  /**
   * The latest anchor of {@code chainId}, or empty when none was published here.
   *
   * @throws RuntimeException when the store cannot be read, or holds something that is not an
   *     anchor (a damaged store must not look like an empty one)
   */
  Optional<AuditAnchor> latest(String chainId);

  /**
   * A store holding the latest anchor of one chain in the file {@code path}, replaced atomically
   * (written beside it, forced to disk, renamed over it); give each chain (each writing process)
   * its own file. {@link #latest} of another chain is empty.
   */
  static AuditAnchorStore file(Path path) {
    return new FileAnchorStore(path);
  }
}
