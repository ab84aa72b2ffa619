package dev.citadel.qdrant.local.internal;

/** A bounded min-heap of (similarity, slot), worst on top; ties broken by point id. */
final class TopK {
  private final float[] scores;
  private final int[] slotsHeap;
  private final PointKey[] keys;
  private int size;

  TopK(int capacity) {
    scores = new float[capacity];
    slotsHeap = new int[capacity];
    keys = new PointKey[capacity];
  }

  /** True when (a, ka) ranks worse than (b, kb): lower score, or equal score and larger id. */
  private static boolean worse(float a, PointKey ka, float b, PointKey kb) {
    return a < b || (a == b && ka.compareTo(kb) > 0);
  }

  void offer(float score, int slot, PointKey key) {
    if (scores.length == 0) {
      return;
    }
    if (size < scores.length) {
      int i = size++;
      scores[i] = score;
      slotsHeap[i] = slot;
      keys[i] = key;
      siftUp(i);
    } else if (worse(scores[0], keys[0], score, key)) {
      scores[0] = score;
      slotsHeap[0] = slot;
      keys[0] = key;
      siftDown(0);
    }
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!worse(scores[i], keys[i], scores[parent], keys[parent])) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int l = 2 * i + 1;
      int r = l + 1;
      int worst = i;
      if (l < size && worse(scores[l], keys[l], scores[worst], keys[worst])) {
        worst = l;
      }
      if (r < size && worse(scores[r], keys[r], scores[worst], keys[worst])) {
        worst = r;
      }
      if (worst == i) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
  }

  private void swap(int a, int b) {
    float s = scores[a];
    scores[a] = scores[b];
    scores[b] = s;
    int t = slotsHeap[a];
    slotsHeap[a] = slotsHeap[b];
    slotsHeap[b] = t;
    PointKey k = keys[a];
    keys[a] = keys[b];
    keys[b] = k;
  }

  /** Offers every entry of {@code other} to this heap. */
  TopK merge(TopK other) {
    for (int i = 0; i < other.size; i++) {
      offer(other.scores[i], other.slotsHeap[i], other.keys[i]);
    }
    return this;
  }

  /** Drains the heap: best first. */
  private void drain() {
    int n = size;
    float[] s = new float[n];
    int[] sl = new int[n];
    for (int i = n - 1; i >= 0; i--) {
      s[i] = scores[0];
      sl[i] = slotsHeap[0];
      size--;
      if (size > 0) {
        swap(0, size);
        siftDown(0);
      }
    }
    sortedScores = s;
    sortedSlots = sl;
  }

  private float[] sortedScores;
  private int[] sortedSlots;

  int[] sortedSlots() {
    if (sortedSlots == null) {
      drain();
    }
    return sortedSlots;
  }

  float[] sortedScores() {
    if (sortedScores == null) {
      drain();
    }
    return sortedScores;
  }
}
