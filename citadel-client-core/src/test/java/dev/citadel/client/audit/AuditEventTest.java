package dev.citadel.client.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.audit.internal.EventCodec;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Building events: required fields, text rules, and the canonical JSON form of details. */
class AuditEventTest {

  private static AuditEvent.Builder valid() {
    return AuditEvent.builder().user("alice").action("model.infer").outcome(AuditOutcome.SUCCESS);
  }

  private static String canonical(String json) {
    return valid().details(json).build().details();
  }

  private static void refused(AuditEvent.Builder builder, String field, String reason) {
    AuditTestSupport.refusedArgument(builder::build, field, reason);
  }

  @Test
  void requiredFieldsMustBeThere() {
    refused(AuditEvent.builder().user("alice").outcome(AuditOutcome.SUCCESS), "action", "is required");
    refused(AuditEvent.builder().action("a").outcome(AuditOutcome.SUCCESS), "actor", "is required");
    refused(AuditEvent.builder().user(" ").action("a").outcome(AuditOutcome.SUCCESS), "actor", "is required");
    refused(AuditEvent.builder().user("alice").action("a"), "outcome", "is required");
  }

  @Test
  void textThatPostgresqlWouldChangeOrRefuseIsRejected() {
    refused(valid().resource("a\u0000b"), "resource", "NUL");
    refused(valid().model("m\ud800"), "model", "unpaired");
    refused(valid().requestId("x".repeat(AuditEvent.MAX_TEXT_LENGTH + 1)), "request id", "more than 1024");
    refused(valid().time(Instant.parse("+10000-01-01T00:00:00Z")), "time", "between years 1 and 9999");
  }

  @Test
  void detailsMustBeOneValidJsonObject() {
    refused(valid().details("{\"a\": 1,}"), "details", "not valid JSON");
    refused(valid().details("[1, 2]"), "details", "must be a JSON object");
    refused(valid().details("{\"a\": 1} {}"), "details", "unexpected text after");
    refused(valid().details("{\"a\": \"\\u0000\"}"), "details", "\\u0000");
    refused(valid().details("{\"a\": \"\\ud800\"}"), "details", "unpaired surrogate");
    refused(valid().details("{\"a\": 1e1001}"), "details", "beyond 1e1000");
    refused(valid().details("{\"a\": 01}"), "details", "expected ',' or '}'");
    refused(valid().details("{\"a\": \"tab\there\"}"), "details", "control character");
    refused(valid().details("{\"a\": NaN}"), "details", "unexpected character");
    refused(valid().details("[".repeat(70) + "]".repeat(70)), "details", "must be a JSON object");
    refused(valid().details("{\"a\":" + "[".repeat(70) + "]".repeat(70) + "}"), "details", "nesting deeper than 64");
    refused(valid().details(Map.of("when", new Object())), "details", "unsupported type");
    refused(valid().details(Map.of("x", Double.NaN)), "details", "non-finite");
  }

  @Test
  void invalidDetailsErrorsDoNotEchoTheContent() {
    assertThatThrownBy(() -> valid().details("{\"password\": \"hunter2\" oops}").build())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("password"));
  }

  @Test
  void detailsAreStoredInTheirCanonicalForm() {
    // Keys sorted, last duplicate wins, numbers by value, one escaping, no whitespace: what jsonb keeps.
    assertThat(canonical(" { \"b\" : [ 1.50 , 2E3, -0.0, 0.001e3 ], \"a\": {\"k\": 1, \"k\": 2} } "))
        .isEqualTo("{\"a\":{\"k\":2},\"b\":[1.5,2E+3,0,1]}");
    assertThat(canonical("{\"s\": \"\\u00e9\\/\\b\\u001f \\\"q\\\" \\\\ \\ud83d\\ude00\"}"))
        .isEqualTo("{\"s\":\"\u00e9/\\b\\u001f \\\"q\\\" \\\\ \ud83d\ude00\"}");
    assertThat(canonical("{\"t\": true, \"f\": false, \"n\": null, \"e\": {}, \"l\": []}"))
        .isEqualTo("{\"e\":{},\"f\":false,\"l\":[],\"n\":null,\"t\":true}");
    assertThat(valid().build().details()).isEqualTo("{}");
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("z", List.of(1, 2.5, "x"));
    map.put("a", null);
    map.put("arr", new Object[] {true, null});
    assertThat(valid().details(map).build().details()).isEqualTo("{\"a\":null,\"arr\":[true,null],\"z\":[1,2.5,\"x\"]}");
  }

  @Test
  void integersKeepTheirTextUnlessTheyEndInZero() {
    // BigDecimal's stripTrailingZeros().toString(): trailing zeros become an exponent.
    assertThat(canonical("{\"n\": [7, -42, 123456789012345678, 1234567890123456789, 4000, -10, 0, -0, 20.0]}"))
        .isEqualTo("{\"n\":[7,-42,123456789012345678,1234567890123456789,4E+3,-1E+1,0,0,2E+1]}");
  }

  @Test
  void canonicalisationIsStable() {
    String once = canonical("{\"b\": [1.0e1, {\"y\": 2, \"x\": 1}], \"a\": \"\\n\"}");
    assertThat(canonical(once)).isEqualTo(once);
  }

  @Test
  void timesKeepMicrosecondsAndTheEncodingRoundTrips() {
    Instant t = Instant.parse("2025-02-03T04:05:06.123456789Z");
    AuditEvent e = valid().id(UUID.randomUUID()).time(t).resource("doc").model("phi3").requestId("r")
        .clientAddress("10.1.2.3").details("{\"k\": [1, \"v\"]}").build();
    assertThat(e.time()).isEqualTo(Instant.parse("2025-02-03T04:05:06.123456Z"));
    AuditEvent decoded = EventCodec.decode(EventCodec.encode(e));
    assertThat(decoded).isEqualTo(e);
    assertThat(Arrays.equals(EventCodec.encode(decoded), EventCodec.encode(e))).isTrue();
  }

  @Test
  void toStringShowsTheSizeOfDetailsNotTheirContent() {
    AuditEvent e = valid().details("{\"ssn\": \"123-45-6789\"}").build();
    assertThat(e.toString()).doesNotContain("123-45-6789").contains("details=").contains("bytes");
  }
}
