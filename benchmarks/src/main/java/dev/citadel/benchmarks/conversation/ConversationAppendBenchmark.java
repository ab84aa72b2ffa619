package dev.citadel.benchmarks.conversation;

import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.conversation.ConversationMessage;
import dev.citadel.client.conversation.Conversations;
import dev.citadel.client.conversation.MessageRole;
import dev.citadel.client.conversation.StoredMessage;
import dev.citadel.client.db.Database;
import dev.citadel.client.testkit.CitadelTestKit;
import dev.citadel.client.testkit.TestConfig;
import dev.citadel.client.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Time per append to a conversation that already holds 10, 100 and 1,000 messages (issue 16:
 * appends are O(1) per message, never a rewrite), against the test kit's PostgreSQL, two ways:
 * {@code append} (one message) and {@code replaceWindow} (what the chat-memory adapters do each
 * turn: the framework's window of the last 20 messages plus one new one). For each size, fresh
 * conversations are filled to that size, then each gets {@code appends} single appends, timed one
 * by one; it prints the median and p95 per append and the ratio of the 1,000-message median to the
 * 10-message one (about 1 when the cost does not grow with the conversation). One thread, so the
 * figures are latencies, not throughput. Run it on an idle machine for figures.
 *
 * <p>Run: {@code java -cp benchmarks/target/citadel-benchmarks.jar
 * dev.citadel.benchmarks.conversation.ConversationAppendBenchmark [appends] [conversations]}
 * (defaults 200 and 5).
 */
public final class ConversationAppendBenchmark {
  private static final int[] SIZES = {10, 100, 1_000};
  private static final int WINDOW = 20;

  private ConversationAppendBenchmark() {}

  public static void main(String[] args) {
    int appends = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int conversationsPerSize = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    try (TestDatabase testDb = CitadelTestKit.postgres().createDatabase();
        Database db = Database.create(CitadelConfig.fromValues(
            TestConfig.of(testDb).with("client.name", "conversation_bench").values()))) {
      db.migrate();
      Conversations conversations = Conversations.create(db);
      measure(conversations, 10, 1, false); // warm-up: JIT, pool, plans
      measure(conversations, 10, 1, true);
      System.out.printf("%nconversation appends, %d timed appends per conversation, %d conversations per size%n",
          appends, conversationsPerSize);
      System.out.printf("%-16s %10s %14s %14s%n", "path", "messages", "median us", "p95 us");
      for (boolean window : new boolean[] {false, true}) {
        double first = 0;
        double last = 0;
        for (int size : SIZES) {
          long[] samples = new long[0];
          for (int c = 0; c < conversationsPerSize; c++) {
            samples = concat(samples, timed(conversations, size, appends, window));
          }
          Arrays.sort(samples);
          double median = samples[samples.length / 2] / 1e3;
          double p95 = samples[(int) (samples.length * 0.95)] / 1e3;
          System.out.printf("%-16s %10d %14.1f %14.1f%n", window ? "replaceWindow" : "append", size, median, p95);
          first = size == SIZES[0] ? median : first;
          last = median;
        }
        System.out.printf("%-16s 1,000 vs 10 messages: %.2fx%n", window ? "replaceWindow" : "append", last / first);
      }
    }
  }

  private static void measure(Conversations conversations, int size, int conversationsPerSize, boolean window) {
    for (int c = 0; c < conversationsPerSize; c++) {
      timed(conversations, size, 100, window);
    }
  }

  /** Fills a fresh conversation to {@code size}, then times {@code appends} single appends. */
  private static long[] timed(Conversations conversations, int size, int appends, boolean window) {
    String id = "bench-" + UUID.randomUUID();
    List<ConversationMessage> fill = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      fill.add(message(i));
    }
    conversations.append(id, fill);
    List<ConversationMessage> view = new ArrayList<>(fill.subList(Math.max(0, size - WINDOW), size));
    long[] samples = new long[appends];
    for (int i = 0; i < appends; i++) {
      ConversationMessage next = message(size + i);
      long t0 = System.nanoTime();
      if (window) {
        view.add(next);
        if (view.size() > WINDOW) {
          view.remove(0);
        }
        conversations.replaceWindow(id, view);
      } else {
        StoredMessage stored = conversations.append(id, next);
        if (stored.sequence() != size + i + 1L) {
          throw new IllegalStateException("sequence " + stored.sequence() + ", expected " + (size + i + 1));
        }
      }
      samples[i] = System.nanoTime() - t0;
    }
    conversations.delete(id);
    return samples;
  }

  private static ConversationMessage message(int i) {
    return ConversationMessage.builder(i % 2 == 0 ? MessageRole.USER : MessageRole.ASSISTANT)
        .content("message " + i + ": " + "lorem ipsum dolor sit amet ".repeat(4))
        .metadata("{\"turn\":" + (i / 2) + "}").build();
  }

  private static long[] concat(long[] a, long[] b) {
    long[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
