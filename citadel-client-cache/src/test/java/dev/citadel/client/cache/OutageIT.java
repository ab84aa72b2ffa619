package dev.citadel.client.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.citadel.client.UnavailableException;
import dev.citadel.client.cache.pubsub.Event;
import dev.citadel.client.cache.pubsub.Subscription;
import dev.citadel.client.cache.queue.JobQueue;
import dev.citadel.client.cache.session.SessionStore;
import dev.citadel.client.cache.support.TestRedis;
import dev.citadel.client.health.HealthReport;
import dev.citadel.client.resilience.BreakerState;
import dev.citadel.client.testkit.RedisServer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Redis (a server of the test's own) stopped and started again under a live client: typed
 * failures while down, recovery after.
 */
class OutageIT {

  @Test
  void operationsFailWithTypedErrorsWhileRedisIsDownAndRecoverAfterwards() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    BlockingQueue<Event<String>> received = new LinkedBlockingQueue<>();
    try (TestRedis.PrivateServer own = TestRedis.privateServer();
        CitadelCache cache = TestRedis.cache(TestRedis.standalone(own.server()), UnaryOperator.identity())) {
      RedisServer redis = own.server();
      SessionStore<String> sessions = cache.sessions();
      JobQueue<String> queue = cache.queue("outage-" + suffix);
      String sid = sessions.create("u-" + suffix, "before").sessionId();
      Subscription subscription = cache.pubSub().subscribe("system", "notification-" + suffix,
          ValueCodec.utf8(), received::add);
      try {
        redis.stop();
        try {
          assertThatThrownBy(() -> sessions.get("u-" + suffix, sid))
              .isInstanceOfSatisfying(UnavailableException.class, e -> {
                assertThat(e.backend()).isEqualTo("redis");
                assertThat(e.getMessage()).startsWith("redis is unavailable");
              });
          assertThatThrownBy(() -> queue.enqueue("job")).isInstanceOf(UnavailableException.class);
          assertThat(cache.apiKeyCache().get("ck_" + suffix)).as("the API key cache fails soft").isEmpty();
          assertThatThrownBy(() -> cache.pubSub().publish("system", "notification-" + suffix, "lost"))
              .isInstanceOf(UnavailableException.class);

          UnavailableException fastFailure = await().atMost(Duration.ofSeconds(20))
              .until(() -> failureOf(() -> cache.locks().isLocked("r", "x")), e -> e != null && e.breakerOpen());
          assertThat(fastFailure.getMessage()).contains("circuit breaker is open");
          assertThat(cache.breakerState()).isEqualTo(BreakerState.OPEN);

          HealthReport down = cache.health();
          assertThat(down.healthy()).isFalse();
          assertThat(down.check("redis.ping").orElseThrow().isUp()).isFalse();
        } finally {
          redis.start();
        }

        // The embedded server keeps nothing across restarts: new data proves the path works again.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(UnavailableException.class)
            .until(() -> sessions.create("u-" + suffix, "after").sessionId() != null);
        String after = sessions.create("u-" + suffix, "after").sessionId();
        assertThat(sessions.get("u-" + suffix, after)).contains("after");
        assertThat(cache.breakerState()).isEqualTo(BreakerState.CLOSED);
        assertThat(cache.health().healthy()).isTrue();

        // Lettuce resubscribes after its reconnect; PUBLISH counts the subscriber once it is back.
        await().atMost(Duration.ofSeconds(30))
            .until(() -> cache.pubSub().publish("system", "notification-" + suffix, "after restart") == 1);
        Event<String> event = received.poll(10, TimeUnit.SECONDS);
        assertThat(event).isNotNull();
        assertThat(event.payload()).isEqualTo("after restart");
      } finally {
        subscription.close();
      }
    }
  }

  private static UnavailableException failureOf(Runnable call) {
    try {
      call.run();
      return null;
    } catch (UnavailableException e) {
      return e;
    }
  }
}
