package dev.citadel.qdrant.local.internal;

import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** What a read returns of each point: with_payload (all, none, include, exclude) and with_vectors. */
final class Selections {
  private Selections() {}

  /**
   * The payload view for {@code selector}, or null for no payload. An absent selector means
   * {@code defaultEnabled} (false for search, get and query; true for scroll, per Qdrant's
   * defaults); a selector with nothing set is INVALID_ARGUMENT "No PayloadSelector".
   */
  static UnaryOperator<Map<String, Value>> payload(boolean present, WithPayloadSelector selector, boolean defaultEnabled) {
    if (!present) {
      return defaultEnabled ? UnaryOperator.identity() : null;
    }
    return switch (selector.getSelectorOptionsCase()) {
      case ENABLE -> selector.getEnable() ? UnaryOperator.identity() : null;
      case INCLUDE -> {
        List<JsonPath> patterns = paths(selector.getInclude().getFieldsList());
        yield payload -> JsonPath.include(payload, patterns);
      }
      case EXCLUDE -> {
        List<JsonPath> patterns = paths(selector.getExclude().getFieldsList());
        yield payload -> JsonPath.exclude(payload, patterns);
      }
      default -> throw Errors.invalid("No PayloadSelector");
    };
  }

  private static List<JsonPath> paths(List<String> fields) {
    List<JsonPath> out = new ArrayList<>();
    for (String f : fields) {
      out.add(JsonPath.parse(f));
    }
    return out;
  }

  /** Which vectors to return: all, none or by name; absent means none. */
  static LocalCollection.VectorSelection vectors(boolean present, WithVectorsSelector selector) {
    if (!present) {
      return LocalCollection.VectorSelection.NONE;
    }
    return switch (selector.getSelectorOptionsCase()) {
      case ENABLE -> selector.getEnable() ? LocalCollection.VectorSelection.ALL : LocalCollection.VectorSelection.NONE;
      case INCLUDE -> new LocalCollection.VectorSelection(false, Set.copyOf(selector.getInclude().getNamesList()));
      default -> LocalCollection.VectorSelection.NONE;
    };
  }
}
