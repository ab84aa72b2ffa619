package dev.citadel.qdrant.local.internal;

import static io.qdrant.client.ValueFactory.list;
import static io.qdrant.client.ValueFactory.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local server's building blocks: id order, UUID parsing, paths, distances, datetimes. */
class EngineTest {

  @Test
  void pointIdsOrderNumbersUnsignedBeforeUuids() {
    PointKey small = PointKey.of(PointId.newBuilder().setNum(5).build());
    PointKey huge = PointKey.of(PointId.newBuilder().setNum(-1L).build());
    PointKey uuid = PointKey.of(PointId.newBuilder().setUuid("00000000-0000-0000-0000-000000000000").build());
    assertThat(List.of(uuid, huge, small).stream().sorted().toList()).containsExactly(small, huge, uuid);
    assertThat(huge.toString()).isEqualTo("18446744073709551615");
  }

  @Test
  void uuidsParseInEveryFormQdrantAccepts() {
    String canonical = "550e8400-e29b-41d4-a716-446655440000";
    for (String form : List.of(canonical, "550E8400E29B41D4A716446655440000", "{" + canonical + "}",
        "urn:uuid:" + canonical)) {
      assertThat(PointKey.of(PointId.newBuilder().setUuid(form).build()).toString()).as(form).isEqualTo(canonical);
    }
    assertThatThrownBy(() -> PointKey.of(PointId.newBuilder().setUuid("not-a-uuid").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void jsonPathsFollowQdrantsGrammar() {
    Map<String, Value> payload = new LinkedHashMap<>();
    payload.put("a", value(Map.of("b", value(1))));
    payload.put("arr", list(List.of(value(Map.of("k", value("x"))), value(Map.of("k", value("y"))))));
    payload.put("dotted.key", value(7));
    assertThat(JsonPath.parse("a.b").get(payload)).containsExactly(value(1));
    assertThat(JsonPath.parse("arr.k").get(payload)).as("a key does not enter arrays").isEmpty();
    assertThat(JsonPath.parse("arr[].k").get(payload)).containsExactly(value("x"), value("y"));
    assertThat(JsonPath.parse("arr[1].k").get(payload)).containsExactly(value("y"));
    assertThat(JsonPath.parse("\"dotted.key\"").get(payload)).containsExactly(value(7));
    for (String bad : List.of("", "a..b", "a[x]", "a.", "[0]")) {
      assertThatThrownBy(() -> JsonPath.parse(bad)).as(bad).isInstanceOf(StatusRuntimeException.class);
    }
  }

  @Test
  void distancesScoreAsQdrantDoes() {
    float[] q = VectorMath.preprocess(Distance.Cosine, new float[] {3, 4});
    assertThat(q).containsExactly(0.6f, 0.8f);
    assertThat(VectorMath.preprocess(Distance.Cosine, new float[] {0, 0})).as("zero stays zero").containsExactly(0f, 0f);
    float[] a = {1, 1};
    float[] b = {4, 5};
    assertThat(VectorMath.similarity(Distance.Dot, new float[] {1, 2}, a)).isEqualTo(3f);
    assertThat(VectorMath.similarity(Distance.Dot, new float[] {1, 2}, b)).isEqualTo(14f);
    assertThat(VectorMath.postprocess(Distance.Euclid, VectorMath.similarity(Distance.Euclid, new float[] {1, 1}, b)))
        .isEqualTo(5f);
    assertThat(VectorMath.similarity(Distance.Euclid, new float[] {1, 1}, a))
        .as("larger is better: minus the squared distance").isEqualTo(-0f);
    assertThat(VectorMath.postprocess(Distance.Manhattan, VectorMath.similarity(Distance.Manhattan, new float[] {1, 1}, b)))
        .isEqualTo(7f);
    assertThat(VectorMath.passes(Distance.Cosine, 0.5f, 0.4f)).isTrue();
    assertThat(VectorMath.passes(Distance.Euclid, 0.5f, 0.4f)).isFalse();
  }

  @Test
  void payloadDatetimesParseInQdrantsFormats() {
    Instant midnight = Instant.parse("2026-01-16T00:00:00Z");
    assertThat(FilterCompiler.parseDatetime("2026-01-16T00:00:00Z")).isEqualTo(midnight);
    assertThat(FilterCompiler.parseDatetime("2026-01-16T01:00:00+01:00")).isEqualTo(midnight);
    assertThat(FilterCompiler.parseDatetime("2026-01-16T00:00:00")).isEqualTo(midnight);
    assertThat(FilterCompiler.parseDatetime("2026-01-16 00:00")).isEqualTo(midnight);
    assertThat(FilterCompiler.parseDatetime("2026-01-16")).isEqualTo(midnight);
    assertThat(FilterCompiler.parseDatetime("yesterday")).isNull();
  }
}
