package dev.citadel.client.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.db.Database;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the embedding job tests share, as a class-level extension
 * ({@code @RegisterExtension static final JobsFixture fixture = new JobsFixture("name")}): a
 * fresh migrated test kit database, its job repository and one collection to queue jobs for.
 * Every test starts without other tests' jobs, since every claim sees every collection's jobs.
 */
final class JobsFixture implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  private final String collection;
  private TestDatabase testDb;
  private Database db;
  private EmbeddingJobRepository jobs;
  private UUID collectionId;

  /** @param collection the name of the collection the tests queue jobs for */
  JobsFixture(String collection) {
    this.collection = collection;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    testDb = CitadelTestKit.postgres().createDatabase();
    db = Database.create(TestConfigs.citadel(testDb));
    db.migrate();
    Metadata metadata = Metadata.create(db);
    jobs = metadata.jobs();
    collectionId = metadata.collections().create(collection, 8, "Dot", null, null).id();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    db.update("DELETE FROM citadel.embedding_jobs");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try (TestDatabase dropped = testDb; Database closed = db) {
      // closed in reverse: the client, then the database
    }
  }

  /** The test kit database. */
  TestDatabase testDb() {
    return testDb;
  }

  /** A client of {@link #testDb()}, migrated. */
  Database db() {
    return db;
  }

  /** Its embedding jobs. */
  EmbeddingJobRepository jobs() {
    return jobs;
  }

  /** The collection the tests queue jobs for. */
  UUID collectionId() {
    return collectionId;
  }

  /** The one job of {@code claimed}. */
  static EmbeddingJob only(List<EmbeddingJob> claimed) {
    assertThat(claimed).hasSize(1);
    return claimed.get(0);
  }
}
