package dev.citadel.client.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.ConstraintViolationException;
import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.NotFoundException;
import dev.citadel.client.VersionConflictException;
import dev.citadel.client.db.Database;
import dev.citadel.client.paging.Page;
import dev.citadel.client.paging.PageRequest;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CitadelTestKitExtension.class)
class MetadataIT {
  private static Database db;
  private static Metadata metadata;

  @BeforeAll
  static void start(TestDatabase testDb) {
    db = Database.create(TestConfigs.citadel(testDb, b -> b.pool(
        dev.citadel.client.config.PoolConfig.builder().minConnections(0).maxConnections(12).build())));
    db.migrate();
    metadata = Metadata.create(db);
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  @Test
  void usersRoundTripAndGuardAgainstLostUpdates() {
    User created = metadata.users().create("ada-" + UUID.randomUUID(), null, "Ada");
    assertThat(created.version()).isZero();
    assertThat(created.active()).isTrue();
    assertThat(metadata.users().get(created.id())).isEqualTo(created);
    assertThat(metadata.users().findByUsername(created.username())).contains(created);

    User firstWriter = metadata.users().update(created.withFullName("Ada L."));
    assertThat(firstWriter.version()).isEqualTo(1);
    assertThat(firstWriter.fullName()).isEqualTo("Ada L.");
    assertThatThrownBy(() -> metadata.users().update(created.withFullName("Stale")))
        .isInstanceOf(VersionConflictException.class)
        .hasMessageContaining("expected version 0");
    assertThat(metadata.users().get(created.id()).fullName()).isEqualTo("Ada L.");

    assertThatThrownBy(() -> metadata.users().delete(created.id(), 0))
        .isInstanceOf(VersionConflictException.class);
    metadata.users().delete(created.id(), 1);
    assertThat(metadata.users().find(created.id())).isEmpty();
    assertThatThrownBy(() -> metadata.users().delete(created.id(), 1)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> metadata.users().update(firstWriter)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void duplicatesAreConstraintViolations() {
    String name = "dup-" + UUID.randomUUID();
    metadata.users().create(name, name + "@example.org", null);
    assertThatThrownBy(() -> metadata.users().create(name, null, null))
        .isInstanceOf(ConstraintViolationException.class)
        .extracting(e -> ((ConstraintViolationException) e).constraint()).isEqualTo("users_username_key");
    assertThatThrownBy(() -> metadata.users().create(name + "x", name.toUpperCase() + "@EXAMPLE.ORG", null))
        .isInstanceOf(ConstraintViolationException.class)
        .extracting(e -> ((ConstraintViolationException) e).constraint()).isEqualTo("users_email_key");
  }

  @Test
  void keysetPagingVisitsEveryRowOnceAndFiltersByOwner() {
    User owner = metadata.users().create("owner-" + UUID.randomUUID(), null, null);
    User other = metadata.users().create("other-" + UUID.randomUUID(), null, null);
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < 25; i++) {
      String name = "page-" + UUID.randomUUID();
      metadata.collections().create(name, 768, "Cosine", owner.id(), null);
      expected.add(name);
    }
    metadata.collections().create("foreign-" + UUID.randomUUID(), 768, "Dot", other.id(), null);

    List<String> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    PageRequest request = PageRequest.first(10);
    while (request != null) {
      Page<VectorCollection> page = metadata.collections().list(owner.id(), request);
      sizes.add(page.items().size());
      page.items().forEach(c -> seen.add(c.name()));
      request = page.next(10).orElse(null);
    }
    assertThat(sizes).containsExactly(10, 10, 5);
    assertThat(seen).hasSize(25).containsExactlyInAnyOrderElementsOf(expected);
    assertThatThrownBy(() -> metadata.collections().list(null, PageRequest.after("not-a-cursor", 5)))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("cursor"));
  }

  @Test
  void badArgumentsAreInvalidArgumentsNamingTheArgument() {
    assertInvalid(() -> metadata.users().create(" ", null, null), "username");
    assertInvalid(() -> metadata.collections().create("", 4, "Cosine", null, null), "name");
    assertInvalid(() -> metadata.collections().create("c-" + UUID.randomUUID(), 0, "Cosine", null, null),
        "vectorSize");
    assertInvalid(() -> metadata.collections().create("c-" + UUID.randomUUID(), 4, "cosine", null, null),
        "distance");
    assertInvalid(() -> metadata.jobs().claim(0), "max");
    assertThatThrownBy(() -> metadata.users().create(null, null, null)).isInstanceOf(InvalidArgumentException.class);
  }

  private static void assertInvalid(ThrowingCallable call, String argument) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo(argument));
  }

  @Test
  void vectorRecordsBelongToTheirCollectionAndDocument() {
    VectorCollection docs = metadata.collections().create("docs-" + UUID.randomUUID(), 4, "Cosine", null, "d");
    for (int chunk = 2; chunk >= 0; chunk--) {
      metadata.vectors().create(docs.id(), UUID.randomUUID(), "file-1", chunk, "h" + chunk, "{\"chunk\": " + chunk + "}");
    }
    List<VectorRecord> chunks = metadata.vectors().byDocument(docs.id(), "file-1");
    assertThat(chunks).extracting(VectorRecord::chunkIndex).containsExactly(0, 1, 2);
    VectorRecord changed = metadata.vectors().update(chunks.get(0).withContent("h0b", "{\"chunk\": 0, \"v\": 2}"));
    assertThat(changed.contentHash()).isEqualTo("h0b");
    assertThat(changed.payload()).contains("\"v\": 2");
    assertThatThrownBy(() -> metadata.vectors().create(docs.id(), chunks.get(1).pointId(), "file-1", 9, null, null))
        .isInstanceOf(ConstraintViolationException.class);
    metadata.collections().delete(docs.id(), docs.version());
    assertThat(metadata.vectors().find(chunks.get(2).id())).as("cascade").isEmpty();
  }

  @Test
  void eightWorkersClaimAThousandJobsWithoutDoubleClaims() throws Exception {
    VectorCollection target = metadata.collections().create("jobs-" + UUID.randomUUID(), 8, "Dot", null, null);
    for (int i = 0; i < 1000; i++) {
      metadata.jobs().enqueue(target.id(), "{\"n\": " + i + "}", null);
    }
    Map<UUID, Integer> claims = new ConcurrentHashMap<>();
    AtomicInteger empty = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService workers = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      done.add(workers.submit(() -> {
        go.await();
        while (true) {
          List<EmbeddingJob> batch = metadata.jobs().claim(7);
          if (batch.isEmpty()) {
            empty.incrementAndGet();
            return null;
          }
          for (EmbeddingJob job : batch) {
            claims.merge(job.id(), 1, Integer::sum);
            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
            metadata.jobs().succeed(job);
          }
        }
      }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get(120, TimeUnit.SECONDS);
    }
    workers.shutdown();

    assertThat(claims).hasSize(1000);
    assertThat(claims.values()).allMatch(n -> n == 1);
    assertThat(metadata.jobs().list(target.id(), JobStatus.SUCCEEDED, PageRequest.first(1000)).items()).hasSize(1000);
    assertThat(metadata.jobs().list(target.id(), JobStatus.QUEUED, PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void failedJobsAreRequeuedUntilTheirLastAttempt() {
    VectorCollection target = metadata.collections().create("retry-" + UUID.randomUUID(), 8, "Dot", null, null);
    EmbeddingJob queued = metadata.jobs().enqueue(target.id(), null, null);
    EmbeddingJob first = claimOnly(target, queued.id());
    EmbeddingJob requeued = metadata.jobs().fail(first, "model timeout", 2);
    assertThat(requeued.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(requeued.finishedAt()).isNull();
    assertThatThrownBy(() -> metadata.jobs().succeed(first)).isInstanceOf(VersionConflictException.class);

    EmbeddingJob second = claimOnly(target, queued.id());
    assertThat(second.attempts()).isEqualTo(2);
    EmbeddingJob failed = metadata.jobs().fail(second, "model timeout again", 2);
    assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
    assertThat(failed.error()).isEqualTo("model timeout again");
    assertThat(failed.finishedAt()).isNotNull();
  }

  /** Claims everything queued and returns the one job of this test's collection. */
  private static EmbeddingJob claimOnly(VectorCollection target, UUID id) {
    EmbeddingJob mine = null;
    for (EmbeddingJob job : metadata.jobs().claim(1000)) {
      if (job.id().equals(id)) {
        mine = job;
      } else {
        metadata.jobs().succeed(job);
      }
    }
    assertThat(mine).as("job %s of %s claimed", id, target.name()).isNotNull();
    return mine;
  }
}
