package dev.citadel.client.vector;

import dev.citadel.client.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Text to sparse vectors for lexical (BM25) retrieval in Qdrant, with no model and no download.
 *
 * <p>Tokens: the text lower-cased ({@link Locale#ROOT}), split at every character that is not a
 * letter or a digit, English stop words dropped, then Harman's S-stemmer (plural endings only:
 * {@code -ies} to {@code -y}, {@code -es} to {@code -e}, {@code -s} dropped, with its
 * exceptions), applied to tokens longer than three characters. Term ids: MurmurHash3 (x86,
 * 32-bit, seed 0) of the token's UTF-8 bytes, top bit cleared (so every id is a valid,
 * non-negative Qdrant index); two tokens sharing an id add up.
 *
 * <p>Weights: a document's term weight is BM25's term-frequency part,
 * {@code tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / avgLength))} (length in tokens); a
 * query gives each distinct term weight 1. Store documents in a sparse vector created with
 * {@link SparseModifier#IDF}: Qdrant multiplies each query weight by the term's inverse document
 * frequency over the collection, so the dot product is the BM25 score, with statistics that
 * stay right as points come and go. Immutable and thread-safe.
 */
public final class SparseTextEncoder {
  /** BM25's term-frequency saturation k1 (the usual 1.2). */
  public static final double DEFAULT_K1 = 1.2;
  /** BM25's length normalisation b (the usual 0.75). */
  public static final double DEFAULT_B = 0.75;
  /** Assumed average document length in tokens (a chunk of about 1,000 characters). */
  public static final double DEFAULT_AVG_LENGTH = 150;

  private static final Pattern SPLIT = Pattern.compile("[^\\p{L}\\p{Nd}]+");
  private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "are", "as", "at", "be", "but", "by",
      "for", "if", "in", "into", "is", "it", "no", "not", "of", "on", "or", "such", "that", "the", "their",
      "then", "there", "these", "they", "this", "to", "was", "will", "with", "what", "which", "who", "how",
      "do", "does", "did", "i", "you", "he", "she", "we", "his", "her", "its", "our", "your", "from", "has",
      "have", "had", "were", "been", "can", "so", "than", "when", "where", "why", "my", "me", "them");

  private static final SparseTextEncoder DEFAULT = new SparseTextEncoder(DEFAULT_K1, DEFAULT_B, DEFAULT_AVG_LENGTH);

  private final double k1;
  private final double b;
  private final double avgLength;

  private SparseTextEncoder(double k1, double b, double avgLength) {
    this.k1 = k1;
    this.b = b;
    this.avgLength = avgLength;
  }

  /** BM25 with k1 = 1.2, b = 0.75 and an average length of 150 tokens. */
  public static SparseTextEncoder bm25() {
    return DEFAULT;
  }

  /**
   * BM25 with these parameters.
   *
   * @param avgLength the average document length in tokens of the collection (positive)
   * @throws InvalidArgumentException for a negative k1, b outside [0, 1] or a length not positive
   */
  public static SparseTextEncoder bm25(double k1, double b, double avgLength) {
    if (!(k1 >= 0) || Double.isInfinite(k1)) {
      throw new InvalidArgumentException("k1", "must be a finite number >= 0, was " + k1);
    }
    if (!(b >= 0 && b <= 1)) {
      throw new InvalidArgumentException("b", "must be between 0 and 1, was " + b);
    }
    if (!(avgLength > 0) || Double.isInfinite(avgLength)) {
      throw new InvalidArgumentException("avgLength", "must be a finite number > 0, was " + avgLength);
    }
    return new SparseTextEncoder(k1, b, avgLength);
  }

  /** The tokens of {@code text}, in order, as they are hashed. */
  public List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    for (String raw : SPLIT.split(text.toLowerCase(Locale.ROOT))) {
      if (raw.isEmpty() || STOP_WORDS.contains(raw)) {
        continue;
      }
      out.add(stem(raw));
    }
    return out;
  }

  /** The id of a token: MurmurHash3 x86 32-bit of its UTF-8 bytes, seed 0, top bit cleared. */
  public static int termId(String token) {
    return murmur3(token.getBytes(StandardCharsets.UTF_8)) & 0x7fff_ffff;
  }

  /** A document's BM25 term weights (empty for a text without tokens). */
  public SparseVector document(String text) {
    List<String> tokens = tokens(text);
    Map<Integer, Integer> tf = new TreeMap<>();
    for (String t : tokens) {
      tf.merge(termId(t), 1, Integer::sum);
    }
    double norm = k1 * (1 - b + b * tokens.size() / avgLength);
    int[] indices = new int[tf.size()];
    float[] values = new float[tf.size()];
    int i = 0;
    for (Map.Entry<Integer, Integer> e : tf.entrySet()) {
      indices[i] = e.getKey();
      values[i] = (float) (e.getValue() * (k1 + 1) / (e.getValue() + norm));
      i++;
    }
    return new SparseVector(indices, values);
  }

  /** A query: weight 1 per distinct term (Qdrant's IDF modifier supplies the idf). */
  public SparseVector query(String text) {
    int[] indices = tokens(text).stream().mapToInt(SparseTextEncoder::termId).distinct().sorted().toArray();
    float[] values = new float[indices.length];
    java.util.Arrays.fill(values, 1f);
    return new SparseVector(indices, values);
  }

  /** Harman's S-stemmer, for tokens longer than three characters. */
  static String stem(String w) {
    if (w.length() <= 3) {
      return w;
    }
    if (w.endsWith("ies") && !w.endsWith("eies") && !w.endsWith("aies")) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.endsWith("es") && !w.endsWith("aes") && !w.endsWith("ees") && !w.endsWith("oes")) {
      return w.substring(0, w.length() - 1);
    }
    if (w.endsWith("s") && !w.endsWith("us") && !w.endsWith("ss")) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }

  static int murmur3(byte[] data) {
    final int c1 = 0xcc9e2d51;
    final int c2 = 0x1b873593;
    int h = 0;
    int blocks = data.length / 4;
    for (int i = 0; i < blocks; i++) {
      int k = (data[4 * i] & 0xff) | (data[4 * i + 1] & 0xff) << 8 | (data[4 * i + 2] & 0xff) << 16
          | (data[4 * i + 3] & 0xff) << 24;
      k *= c1;
      k = Integer.rotateLeft(k, 15);
      k *= c2;
      h ^= k;
      h = Integer.rotateLeft(h, 13);
      h = h * 5 + 0xe6546b64;
    }
    int k = 0;
    int tail = blocks * 4;
    switch (data.length & 3) {
      case 3:
        k ^= (data[tail + 2] & 0xff) << 16;
        // fall through
      case 2:
        k ^= (data[tail + 1] & 0xff) << 8;
        // fall through
      case 1:
        k ^= data[tail] & 0xff;
        k *= c1;
        k = Integer.rotateLeft(k, 15);
        k *= c2;
        h ^= k;
        break;
      default:
        break;
    }
    h ^= data.length;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  @Override
  public String toString() {
    return "SparseTextEncoder[bm25 k1=" + k1 + ", b=" + b + ", avgLength=" + avgLength + "]";
  }
}
