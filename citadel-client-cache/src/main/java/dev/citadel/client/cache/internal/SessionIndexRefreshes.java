package dev.citadel.client.cache.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * When this process last pushed each user's session index expiry out, so that a session read
 * (a plain {@code GETEX}) needs a second command only about twice per session lifetime per user.
 * Shared by every session store of one cache client. Forgetting an entry only costs one extra
 * {@code PEXPIRE}, so the memo is simply cleared when it grows past its bound.
 */
public final class SessionIndexRefreshes {
  private static final int MAX_ENTRIES = 100_000;

  private final ConcurrentHashMap<String, Long> refreshedAt = new ConcurrentHashMap<>();

  /** Whether {@code indexKey}'s expiry was not pushed out within the last {@code intervalNanos}. */
  boolean due(String indexKey, long nowNanos, long intervalNanos) {
    Long last = refreshedAt.get(indexKey);
    return last == null || nowNanos - last >= intervalNanos;
  }

  /** Notes that {@code indexKey}'s expiry was pushed out at {@code nowNanos}. */
  void refreshed(String indexKey, long nowNanos) {
    if (refreshedAt.size() >= MAX_ENTRIES) {
      refreshedAt.clear();
    }
    refreshedAt.put(indexKey, nowNanos);
  }

  /** Forgets {@code indexKey}, e.g. after its sessions were invalidated. */
  void forget(String indexKey) {
    refreshedAt.remove(indexKey);
  }
}
