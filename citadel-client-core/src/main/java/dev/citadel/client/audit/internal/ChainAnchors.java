package dev.citadel.client.audit.internal;

import dev.citadel.client.audit.AuditAnchor;
import dev.citadel.client.audit.AuditAnchorStore;
import dev.citadel.client.config.AuditChainKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one writer's chain head to the anchor stores: after a commit once the interval has
 * passed since the last publication (the first commit publishes at once), and on close. A store
 * that fails is logged at WARN (once until it works again) and tried at the next publication; it
 * never stops the writer. Used by the writer thread, then by the thread closing the log.
 */
public final class ChainAnchors {
  private static final Logger LOG = LoggerFactory.getLogger(ChainAnchors.class);

  private final String chainId;
  private final AuditChainKey key;
  private final List<AuditAnchorStore> stores;
  private final long intervalNanos;
  private final boolean[] failing;
  private long lastPublishedNanos;
  private boolean publishedOnce;
  private long publishedSeq = -1;

  public ChainAnchors(String chainId, AuditChainKey key, List<AuditAnchorStore> stores, Duration interval) {
    this.chainId = chainId;
    this.key = key;
    this.stores = List.copyOf(stores);
    this.intervalNanos = interval.toNanos();
    this.failing = new boolean[this.stores.size()];
  }

  /** The stores anchors go to. */
  public List<AuditAnchorStore> stores() {
    return stores;
  }

  /** The head moved to {@code seq}/{@code hash}: publishes it when the interval has passed. */
  public void headMoved(long seq, byte[] hash) {
    long now = System.nanoTime();
    if (!publishedOnce || now - lastPublishedNanos >= intervalNanos) {
      publish(seq, hash);
    }
  }

  /** Publishes {@code seq}/{@code hash} now unless it is the head published last. */
  public void publish(long seq, byte[] hash) {
    if (stores.isEmpty() || seq <= 0 || seq == publishedSeq) {
      return;
    }
    AuditAnchor anchor = AnchorMac.sign(key, chainId, seq, hash, Instant.now());
    boolean all = true;
    for (int i = 0; i < stores.size(); i++) {
      AuditAnchorStore store = stores.get(i);
      try {
        store.publish(anchor);
        if (failing[i]) {
          LOG.info("audit chain '{}': anchors are published to {} again", chainId, store.name());
          failing[i] = false;
        }
      } catch (RuntimeException e) {
        all = false;
        if (!failing[i]) {
          LOG.warn("audit chain '{}': publishing the chain head to {} failed (tried again at the next"
              + " anchor): {}", chainId, store.name(), e.toString());
          failing[i] = true;
        }
      }
    }
    publishedOnce = true;
    lastPublishedNanos = System.nanoTime();
    if (all) {
      publishedSeq = seq;
    }
  }
}
