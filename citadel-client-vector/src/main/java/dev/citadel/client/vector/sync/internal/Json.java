package dev.citadel.client.vector.sync.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.vector.internal.Payloads;
import java.util.Map;

/** Payload maps as the JSON of the {@code payload} jsonb columns. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private Json() {}

  /** {@code payload} in the normal form Qdrant returns (see {@link Payloads#normalize}), as JSON. */
  static String write(Map<String, ?> payload) {
    try {
      return MAPPER.writeValueAsString(Payloads.normalize(payload));
    } catch (JsonProcessingException e) {
      InvalidArgumentException refused = new InvalidArgumentException("payload",
          "cannot be written as JSON: " + e.getOriginalMessage());
      refused.initCause(e);
      throw refused;
    }
  }

  /** A JSON object, normalised like a payload read back from Qdrant. */
  static Map<String, Object> read(String json) {
    try {
      return Payloads.normalize(MAPPER.readValue(json, MAP));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a payload column holds invalid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
