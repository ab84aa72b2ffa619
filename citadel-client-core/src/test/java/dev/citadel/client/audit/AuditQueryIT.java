package dev.citadel.client.audit;

import dev.citadel.client.paging.Page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.db.Database;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Reading the log back: filters, time ranges, newest first, keyset pages. */
@ExtendWith(CitadelTestKitExtension.class)
class AuditQueryIT {
  private static final Instant T0 = Instant.parse("2024-05-31T23:30:00Z");
  private static final UUID TWIN_LOW = UUID.fromString("00000000-0000-7000-8000-000000000001");
  private static final UUID TWIN_HIGH = UUID.fromString("00000000-0000-7000-8000-000000000002");

  /** What the test wrote, to derive every expectation from. */
  private record Written(String requestId, Instant time, UUID id, String actor, String resource, String model) {}

  @TempDir static Path spill;
  private static Database db;
  private static AuditLog log;
  private static final List<Written> written = new ArrayList<>();

  @BeforeAll
  static void write(TestDatabase testDb) {
    db = AuditTestSupport.migratedDatabase(testDb);
    log = AuditLog.create(db, AuditTestSupport.config("query", spill).build());
    for (int i = 0; i < 50; i++) {
      // Spans a month boundary, so results come from two partitions (one may be the default).
      Instant time = T0.plus(Duration.ofMinutes(i));
      add(new Written("r" + i, time, UUID.nameUUIDFromBytes(("r" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)), "u" + (i % 3), "doc-" + (i % 5), i % 2 == 0 ? "mixtral" : "phi3"));
    }
    add(new Written("twin-low", T0.plus(Duration.ofMinutes(5)), TWIN_LOW, "twin", "doc-twin", null));
    add(new Written("twin-high", T0.plus(Duration.ofMinutes(5)), TWIN_HIGH, "twin", "doc-twin", null));
    log.record(AuditEvent.builder().time(T0.minusSeconds(1)).service("svc").action("x").outcome(AuditOutcome.DENIED)
        .requestId("awkward").details("{ \"z\": [1.50, 1e2, -0.0], \"a\": {\"dup\": 1, \"dup\": \"last \\u00e9\"} }").build());
    log.flush();
  }

  private static void add(Written w) {
    log.record(AuditEvent.builder().id(w.id()).time(w.time()).user(w.actor()).action("doc.read")
        .resource(w.resource()).model(w.model()).outcome(AuditOutcome.SUCCESS).requestId(w.requestId()).build());
    written.add(w);
  }

  @AfterAll
  static void close() {
    log.close();
    db.close();
  }

  /** Request ids of written events matching {@code filter}, newest first (time, then id as PostgreSQL orders uuids). */
  private static List<String> expected(Predicate<Written> filter) {
    return written.stream().filter(filter)
        .sorted(Comparator.comparing(Written::time).thenComparing(w -> w.id().toString()).reversed())
        .map(Written::requestId).toList();
  }

  private static List<String> ids(Page<AuditRecord> page) {
    return page.items().stream().map(r -> r.event().requestId()).toList();
  }

  @Test
  void filtersByActorResourceAndModelNewestFirst() {
    assertThat(ids(log.query(AuditQuery.builder().actor("u1").build())))
        .containsExactlyElementsOf(expected(w -> w.actor().equals("u1")));
    assertThat(ids(log.query(AuditQuery.builder().resource("doc-2").model("phi3").build())))
        .containsExactlyElementsOf(expected(w -> w.resource().equals("doc-2") && "phi3".equals(w.model())));
    assertThat(ids(log.query(AuditQuery.builder().model("mixtral").actor("u0").build())))
        .containsExactlyElementsOf(expected(w -> w.actor().equals("u0") && "mixtral".equals(w.model())));
    // Same time: the larger id comes first.
    assertThat(ids(log.query(AuditQuery.builder().actor("twin").build()))).containsExactly("twin-high", "twin-low");
  }

  @Test
  void timeRangesIncludeTheStartAndExcludeTheEnd() {
    Instant from = T0.plus(Duration.ofMinutes(10));
    Instant to = T0.plus(Duration.ofMinutes(20));
    assertThat(ids(log.query(AuditQuery.builder().from(from).to(to).build())))
        .containsExactlyElementsOf(expected(w -> !w.time().isBefore(from) && w.time().isBefore(to)));
  }

  @Test
  void keysetPagesCoverEveryEventOnceInOrder() {
    AuditQuery q = AuditQuery.builder().from(T0).to(T0.plus(Duration.ofHours(1))).limit(7).build();
    List<String> all = new ArrayList<>();
    int pages = 0;
    Page<AuditRecord> page = log.query(q);
    while (true) {
      pages++;
      assertThat(page.items()).hasSizeLessThanOrEqualTo(7);
      all.addAll(ids(page));
      if (page.nextCursor() == null) {
        break;
      }
      page = log.query(q.after(page.nextCursor()));
    }
    assertThat(all).containsExactlyElementsOf(expected(w -> true));
    assertThat(pages).isEqualTo((written.size() + 6) / 7);
  }

  @Test
  void detailsComeBackInCanonicalForm() {
    AuditRecord r = log.query(AuditQuery.builder().actor("svc").build()).items().get(0);
    assertThat(r.event().details()).isEqualTo("{\"a\":{\"dup\":\"last \u00e9\"},\"z\":[1.5,1E+2,0]}");
    assertThat(r.event().outcome()).isEqualTo(AuditOutcome.DENIED);
    assertThat(r.event().actorType()).isEqualTo(ActorType.SERVICE);
    assertThat(r.chainId()).isEqualTo("query");
  }

  @Test
  void aCursorThatIsNotOneIsRefused() {
    assertThatThrownBy(() -> AuditQuery.builder().after("bm90LWEtY3Vyc29y").build())
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("cursor"));
  }
}
