package dev.citadel.client.cache.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import dev.citadel.client.cache.CodecException;
import dev.citadel.client.cache.ValueCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/** The built-in codecs. */
public final class Codecs {
  public static final ValueCodec<String> UTF8 = new ValueCodec<>() {
    @Override
    public byte[] encode(String value) {
      return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String decode(byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return "ValueCodec.utf8()";
    }
  };

  public static final ValueCodec<byte[]> BYTES = new ValueCodec<>() {
    @Override
    public byte[] encode(byte[] value) {
      return value;
    }

    @Override
    public byte[] decode(byte[] bytes) {
      return bytes;
    }

    @Override
    public String toString() {
      return "ValueCodec.bytes()";
    }
  };

  private static final class MapperHolder {
    // jackson-datatype-jsr310 is not a dependency; Instant is the one java.time type we store.
    static final ObjectMapper MAPPER =
        new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(
                new SimpleModule("citadel-instant")
                    .addSerializer(Instant.class, new InstantSerializer())
                    .addDeserializer(Instant.class, new InstantDeserializer()));
  }

  private Codecs() {}

  public static ObjectMapper defaultMapper() {
    return MapperHolder.MAPPER;
  }

  public static <T> ValueCodec<T> json(ObjectMapper mapper, Class<T> type) {
    Objects.requireNonNull(type, "type");
    return new JsonCodec<>(Objects.requireNonNull(mapper, "mapper"), mapper.constructType(type));
  }

  public static <T> ValueCodec<T> json(ObjectMapper mapper, TypeReference<T> type) {
    Objects.requireNonNull(type, "type");
    return new JsonCodec<>(mapper, mapper.constructType(type));
  }

  private static final class JsonCodec<T> implements ValueCodec<T> {
    private final ObjectMapper mapper;
    private final JavaType type;

    JsonCodec(ObjectMapper mapper, JavaType type) {
      this.mapper = mapper;
      this.type = type;
    }

    @Override
    public byte[] encode(T value) {
      try {
        return mapper.writeValueAsBytes(value);
      } catch (JsonProcessingException e) {
        throw new CodecException("JSON codec cannot encode a " + value.getClass().getName()
            + ": " + e.getOriginalMessage(), e);
      }
    }

    @Override
    public T decode(byte[] bytes) {
      try {
        return mapper.readValue(bytes, type);
      } catch (IOException e) {
        // The message of a Jackson parse error quotes the input: keep only the location-free part.
        throw new CodecException("JSON codec cannot decode " + bytes.length + " bytes as "
            + type.toCanonical(), e);
      }
    }

    @Override
    public String toString() {
      return "ValueCodec.json(" + type.toCanonical() + ")";
    }
  }

  private static final class InstantSerializer extends StdScalarSerializer<Instant> {
    private static final long serialVersionUID = 1L;

    InstantSerializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(value.toString());
    }
  }

  private static final class InstantDeserializer extends StdScalarDeserializer<Instant> {
    private static final long serialVersionUID = 1L;

    InstantDeserializer() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken().isNumeric()) {
        return Instant.ofEpochMilli(p.getLongValue());
      }
      try {
        return Instant.parse(p.getValueAsString());
      } catch (DateTimeParseException e) {
        return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getValueAsString(),
            "not an ISO-8601 instant");
      }
    }
  }
}
