package dev.citadel.client.cache.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.cache.CitadelCache;
import dev.citadel.client.cache.Slot;
import dev.citadel.client.cache.support.TestRedis;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.conversation.Conversation;
import dev.citadel.client.conversation.ConversationMessage;
import dev.citadel.client.conversation.Conversations;
import dev.citadel.client.conversation.MessageRole;
import dev.citadel.client.conversation.StoredMessage;
import dev.citadel.client.conversation.WindowUpdate;
import dev.citadel.client.db.Database;
import dev.citadel.client.paging.Page;
import dev.citadel.client.paging.PageRequest;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.RedisServer;
import dev.citadel.client.testkit.TestConfig;
import dev.citadel.client.testkit.TestDatabase;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The consistency rule of the window cache in front of the durable store, on real PostgreSQL and
 * Redis: PostgreSQL is the truth, Redis is written after the commit, a refill never puts back a
 * window older than a finished write.
 */
class CachedConversationsIT {
  private static TestDatabase testDb;
  private static Database db;
  private static CitadelCache cache;
  private static TestRedis.Raw raw;
  private static RedisClusterCommands<String, String> memoryDb;
  private static Conversations durable;
  private static Conversations cached;

  @BeforeAll
  static void start() {
    RedisServer redis = CitadelTestKit.redis();
    testDb = CitadelTestKit.postgres().createDatabase();
    db = Database.create(CitadelConfig.fromValues(TestConfig.of(testDb).values()));
    db.migrate();
    cache = TestRedis.cache(TestRedis.standalone(redis), b -> b);
    raw = TestRedis.Raw.of(redis);
    memoryDb = raw.db(Slot.MEMORY.database());
    durable = Conversations.create(db);
    cached = cache.conversations(durable);
  }

  @AfterAll
  static void stop() throws Exception {
    cache.close();
    raw.close();
    db.close();
    testDb.close();
  }

  private static String key(String id) {
    return "ai:memory:conv:window:" + id;
  }

  private static ConversationMessage user(String text) {
    return ConversationMessage.of(MessageRole.USER, text);
  }

  private static List<String> contents(List<StoredMessage> messages) {
    return messages.stream().map(m -> m.message().content()).toList();
  }

  @Test
  void aMissRefillsFromPostgresAndLaterAppendsExtendTheCachedCopy() {
    String id = "c-" + UUID.randomUUID();
    cached.append(id, List.of(user("one"), user("two")));
    assertThat(memoryDb.lrange(key(id), 0, -1)).as("nothing cached yet: the append only bumped the generation")
        .containsExactly("g:1");

    assertThat(contents(cached.window(id))).containsExactly("one", "two");
    assertThat(memoryDb.llen(key(id))).as("header and two messages").isEqualTo(3);
    assertThat(memoryDb.pttl(key(id))).isPositive();

    // Served from Redis: a change made behind the cache's back is not seen until the next write.
    db.update("UPDATE mcp.messages SET content = 'changed' WHERE conversation_id = ? AND sequence = 1", id);
    assertThat(contents(cached.window(id))).containsExactly("one", "two");

    StoredMessage three = cached.append(id, ConversationMessage.builder(MessageRole.ASSISTANT).content("three")
        .toolCalls("[{\"id\":\"t1\",\"name\":\"lookup\",\"arguments\":\"{}\"}]").metadata("{\"k\":[1,2]}").build());
    assertThat(memoryDb.llen(key(id))).as("pushed after the commit, tail matched").isEqualTo(4);
    List<StoredMessage> window = cached.window(id);
    assertThat(window.get(2)).isEqualTo(three);
    assertThat(window).extracting(StoredMessage::sequence).containsExactly(1L, 2L, 3L);
  }

  @Test
  void aTrimmedWindowInvalidatesTheCopyAndTheNextReadSeesTheNewWindow() {
    String id = "c-" + UUID.randomUUID();
    cached.replaceWindow(id, List.of(user("a"), user("b"), user("c")));
    assertThat(contents(cached.window(id))).containsExactly("a", "b", "c");
    WindowUpdate update = cached.replaceWindow(id, List.of(user("b"), user("c"), user("d")));
    assertThat(update.appended()).hasSize(1);
    assertThat(memoryDb.llen(key(id))).as("dropped to the header").isEqualTo(1);
    assertThat(contents(cached.window(id))).containsExactly("b", "c", "d");
    assertThat(contents(durable.messages(id, PageRequest.first(10)).items())).containsExactly("a", "b", "c", "d");

    assertThat(cached.delete(id)).isTrue();
    assertThat(cached.window(id)).isEmpty();
  }

  @Test
  void aRefillThatReadPostgresBeforeAConcurrentAppendIsRefused() throws Exception {
    String id = "c-" + UUID.randomUUID();
    cached.append(id, user("before"));
    CountDownLatch readDone = new CountDownLatch(1);
    CountDownLatch appendDone = new CountDownLatch(1);
    // The real store, with the reader held between its PostgreSQL read and its refill.
    Conversations slowReader = cache.conversations(new HeldWindowReads(durable, readDone, appendDone));
    CompletableFuture<List<StoredMessage>> reader = CompletableFuture.supplyAsync(() -> slowReader.window(id));
    assertThat(readDone.await(30, TimeUnit.SECONDS)).isTrue();
    cached.append(id, user("during"));
    appendDone.countDown();
    assertThat(contents(reader.get(30, TimeUnit.SECONDS))).as("what it read before the append")
        .containsExactly("before");
    assertThat(memoryDb.llen(key(id))).as("its refill was refused").isEqualTo(1);
    assertThat(contents(cached.window(id))).containsExactly("before", "during");
  }

  @Test
  void anAppendThatDoesNotFollowTheCachedTailDropsTheCopy() {
    String id = "c-" + UUID.randomUUID();
    cached.append(id, user("one"));
    assertThat(contents(cached.window(id))).containsExactly("one");
    durable.append(id, user("written without the cache"));
    cached.append(id, user("three"));
    assertThat(memoryDb.llen(key(id))).as("sequence 3 does not follow the cached 1").isEqualTo(1);
    assertThat(contents(cached.window(id))).containsExactly("one", "written without the cache", "three");
  }

  /** The durable store whose window reads wait, after reading, until the test lets them go on. */
  private record HeldWindowReads(Conversations store, CountDownLatch readDone, CountDownLatch release)
      implements Conversations {
    @Override
    public List<StoredMessage> window(String conversationId) {
      List<StoredMessage> window = store.window(conversationId);
      readDone.countDown();
      try {
        if (!release.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("not released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return window;
    }

    @Override
    public Conversation start(String id, String owner, String model, String metadataJson) {
      return store.start(id, owner, model, metadataJson);
    }

    @Override
    public Optional<Conversation> find(String id) {
      return store.find(id);
    }

    @Override
    public Page<String> ids(PageRequest page) {
      return store.ids(page);
    }

    @Override
    public StoredMessage append(String conversationId, ConversationMessage message) {
      return store.append(conversationId, message);
    }

    @Override
    public List<StoredMessage> append(String conversationId, List<ConversationMessage> messages) {
      return store.append(conversationId, messages);
    }

    @Override
    public List<StoredMessage> last(String conversationId, int n) {
      return store.last(conversationId, n);
    }

    @Override
    public Page<StoredMessage> messages(String conversationId, PageRequest page) {
      return store.messages(conversationId, page);
    }

    @Override
    public WindowUpdate replaceWindow(String conversationId, List<ConversationMessage> messages) {
      return store.replaceWindow(conversationId, messages);
    }

    @Override
    public boolean delete(String conversationId) {
      return store.delete(conversationId);
    }

    @Override
    public int retain(Duration idleFor, int batchSize) {
      return store.retain(idleFor, batchSize);
    }
  }
}
