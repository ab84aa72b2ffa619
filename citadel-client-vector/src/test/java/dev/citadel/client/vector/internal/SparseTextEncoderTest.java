package dev.citadel.client.vector.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.vector.SparseTextEncoder;
import dev.citadel.client.vector.SparseVector;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The BM25 text encoder: tokens, term ids and weights worked out by hand. */
class SparseTextEncoderTest {
  private final SparseTextEncoder bm25 = SparseTextEncoder.bm25();

  @Test
  void tokensAreLowerCasedSplitOnNonLettersStrippedOfStopWordsAndPlurals() {
    assertThat(bm25.tokens("The Policies of the Refunds: boxes, glass & bus-stops (2026)!"))
        .containsExactly("policy", "refund", "boxe", "glass", "bus", "stop", "2026");
    assertThat(bm25.tokens("Straße über Café")).containsExactly("straße", "über", "café");
    assertThat(bm25.tokens("the of and")).isEmpty();
  }

  @Test
  void termIdsAreMurmur3OfTheUtf8BytesWithTheTopBitCleared() {
    // Published MurmurHash3_x86_32 vectors (seed 0): "" -> 0, "hello" -> 0x248bfa47,
    // "The quick brown fox jumps over the lazy dog" -> 0x2e4ff723.
    assertThat(murmur("")).isZero();
    assertThat(murmur("hello")).isEqualTo(0x248bfa47);
    assertThat(murmur("The quick brown fox jumps over the lazy dog")).isEqualTo(0x2e4ff723);
    assertThat(SparseTextEncoder.termId("hello")).isEqualTo(0x248bfa47);
    assertThat(SparseTextEncoder.termId("The quick brown fox jumps over the lazy dog")).isEqualTo(0x2e4ff723);
  }

  private static int murmur(String s) {
    // through a one-token text whose id is the hash of the token itself
    return s.isEmpty() ? 0 : SparseTextEncoder.termId(new String(s.getBytes(StandardCharsets.UTF_8),
        StandardCharsets.UTF_8));
  }

  @Test
  void documentWeightsAreBm25TermFrequencyAndQueriesWeighEachDistinctTermOnce() {
    SparseTextEncoder enc = SparseTextEncoder.bm25(1.2, 0.75, 4);
    // 4 tokens: refund x2, damage, good; length = avg, so tf part = tf * 2.2 / (tf + 1.2)
    SparseVector doc = enc.document("refunds refund damage goods");
    assertThat(doc.size()).isEqualTo(3);
    assertThat(weight(doc, "refund")).isCloseTo(2 * 2.2f / 3.2f, within(1e-6f));
    assertThat(weight(doc, "damage")).isCloseTo(2.2f / 2.2f, within(1e-6f));
    // b = 0: length does not matter
    SparseVector longDoc = SparseTextEncoder.bm25(1.2, 0, 4).document("refund a b c d e f g h");
    assertThat(weight(longDoc, "refund")).isCloseTo(1f, within(1e-6f));

    SparseVector query = bm25.query("refund the refunds damage");
    assertThat(query.size()).isEqualTo(2);
    assertThat(query.values()).containsOnly(1f);
    assertThat(bm25.document("").size()).isZero();
  }

  private static float weight(SparseVector v, String token) {
    int id = SparseTextEncoder.termId(token);
    int[] indices = v.indices();
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] == id) {
        return v.values()[i];
      }
    }
    throw new AssertionError(token + " not in " + v);
  }

  @Test
  void badParametersAndSparseVectorsAreRefused() {
    assertThatThrownBy(() -> SparseTextEncoder.bm25(1.2, 1.5, 100)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("b");
    assertThatThrownBy(() -> SparseTextEncoder.bm25(1.2, 0.75, 0)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("avgLength");
    assertThatThrownBy(() -> new SparseVector(new int[] {1, 1}, new float[] {1, 2}))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> new SparseVector(new int[] {1}, new float[] {1, 2}))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("one value per index");
    assertThatThrownBy(() -> new SparseVector(new int[] {-1}, new float[] {1}))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("negative");
    assertThatThrownBy(() -> new SparseVector(new int[] {1}, new float[] {Float.NaN}))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("finite");
  }
}
