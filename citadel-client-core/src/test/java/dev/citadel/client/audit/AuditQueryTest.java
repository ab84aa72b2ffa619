package dev.citadel.client.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Building queries: the bounds of a page and a range, and filters held to the events' text rules. */
class AuditQueryTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static void refused(AuditQuery.Builder builder, String argument, String reason) {
    AuditTestSupport.refusedArgument(builder::build, argument, reason);
  }

  @Test
  void theLimitLiesBetweenOneAndTheMaximum() {
    refused(AuditQuery.builder().limit(0), "limit", "between 1 and 1000");
    refused(AuditQuery.builder().limit(AuditQuery.MAX_LIMIT + 1), "limit", "between 1 and 1000");
    assertThat(AuditQuery.builder().limit(AuditQuery.MAX_LIMIT).build().limit()).isEqualTo(AuditQuery.MAX_LIMIT);
    assertThat(AuditQuery.builder().build().limit()).isEqualTo(AuditQuery.DEFAULT_LIMIT);
  }

  @Test
  void fromMustBeBeforeTo() {
    refused(AuditQuery.builder().from(T0).to(T0), "from", "before to");
    refused(AuditQuery.builder().from(T0.plusSeconds(1)).to(T0), "from", "before to");
    assertThat(AuditQuery.builder().from(T0).to(T0.plusNanos(1000)).build().from()).isEqualTo(T0);
  }

  @Test
  void filtersFollowTheTextRulesOfEvents() {
    refused(AuditQuery.builder().actor("a\u0000b"), "actor", "NUL");
    refused(AuditQuery.builder().resource("r\ud800"), "resource", "unpaired");
    refused(AuditQuery.builder().model("m".repeat(AuditEvent.MAX_TEXT_LENGTH + 1)), "model", "more than 1024");
    AuditQuery q = AuditQuery.builder().actor("alice").resource("doc").model("phi3").build();
    assertThat(q.toBuilder().build().toString()).isEqualTo(q.toString());
  }

  @Test
  void refusalsDoNotEchoTheArgument() {
    assertThatThrownBy(() -> AuditQuery.builder().actor("secret-name\u0000").build())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-name"));
  }
}
