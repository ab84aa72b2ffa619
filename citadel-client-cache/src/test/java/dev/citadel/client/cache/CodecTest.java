package dev.citadel.client.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.citadel.client.cache.memory.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodecTest {

  @Test
  void jsonCodecWritesRecordsAndInstantsAsOtherServicesReadThem() {
    ValueCodec<ChatMessage> codec = ValueCodec.json(ChatMessage.class);
    ChatMessage message = new ChatMessage("user", "héllo", Instant.parse("2026-01-16T00:00:00.123Z"));

    byte[] bytes = codec.encode(message);

    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo("{\"role\":\"user\",\"content\":\"héllo\",\"timestamp\":\"2026-01-16T00:00:00.123Z\"}");
    assertThat(codec.decode(bytes)).isEqualTo(message);
    assertThat(codec.decode("{\"role\":\"tool\",\"content\":\"x\",\"timestamp\":1700000000000,\"extra\":1}"
        .getBytes(StandardCharsets.UTF_8)).timestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
  }

  @Test
  void genericJsonAndRawCodecsRoundTrip() {
    ValueCodec<Map<String, List<Integer>>> maps = ValueCodec.json(new TypeReference<>() {});
    assertThat(maps.decode(maps.encode(Map.of("a", List.of(1, 2))))).isEqualTo(Map.of("a", List.of(1, 2)));
    assertThat(ValueCodec.utf8().decode(ValueCodec.utf8().encode("ü"))).isEqualTo("ü");
    byte[] raw = {0, (byte) 0xff};
    assertThat(ValueCodec.bytes().encode(raw)).isSameAs(raw);
  }

  @Test
  void undecodableBytesAreACodecErrorThatDoesNotQuoteThem() {
    String secretish = "{\"role\": \"user\", \"content\": \"card 4111-1111\", broken";
    assertThatThrownBy(() -> ValueCodec.json(ChatMessage.class).decode(secretish.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("cannot decode")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("4111"));
  }
}
