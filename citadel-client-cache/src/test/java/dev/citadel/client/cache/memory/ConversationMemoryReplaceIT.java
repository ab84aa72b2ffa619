package dev.citadel.client.cache.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.cache.CitadelCache;
import dev.citadel.client.cache.ValueCodec;
import dev.citadel.client.cache.support.TestRedis;
import dev.citadel.client.testkit.CitadelTestKit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ConversationMemory#replace}: full-replace semantics, difference written, on a real Redis. */
class ConversationMemoryReplaceIT {
  private static CitadelCache cache;
  private static ConversationMemory<String> memory;

  @BeforeAll
  static void start() {
    cache = TestRedis.cache(TestRedis.standalone(CitadelTestKit.redis()), b -> b.memoryMaxMessages(6));
    memory = cache.memory(ValueCodec.utf8());
  }

  @AfterAll
  static void stop() {
    cache.close();
  }

  @Test
  void aTrimmedListWithAPinnedFirstMessageKeepsItAndAppendsTheRest() {
    String id = "r-" + UUID.randomUUID();
    assertThat(memory.replace(id, List.of("S", "u1", "a1", "u2", "a2"))).isEqualTo(5);
    assertThat(memory.replace(id, List.of("S", "u2", "a2", "u3"))).isEqualTo(4);
    assertThat(memory.all(id)).containsExactly("S", "u2", "a2", "u3");
    assertThat(memory.replace(id, List.of("S", "u2", "a2", "u3"))).isEqualTo(4);
    assertThat(memory.replace(id, List.of("u3", "a3"))).isEqualTo(2);
    assertThat(memory.all(id)).containsExactly("u3", "a3");
    assertThat(memory.replace(id, List.of("x", "y", "z", "1", "2", "3", "4"))).as("trimmed to max_messages")
        .isEqualTo(6);
    assertThat(memory.all(id)).containsExactly("y", "z", "1", "2", "3", "4");
    assertThat(memory.conversationIds()).contains(id);
    assertThat(memory.replace(id, List.of())).isZero();
    assertThat(memory.size(id)).isZero();
    assertThat(memory.conversationIds()).doesNotContain(id);
  }

  @Test
  void aReplaceAlignsToWhatOtherAppendsAddedBeforeIt() {
    String id = "r-" + UUID.randomUUID();
    memory.replace(id, List.of("a", "b"));
    memory.append(id, "c");
    assertThat(memory.replace(id, List.of("b", "c", "d"))).isEqualTo(3);
    assertThat(memory.all(id)).containsExactly("b", "c", "d");
  }
}
