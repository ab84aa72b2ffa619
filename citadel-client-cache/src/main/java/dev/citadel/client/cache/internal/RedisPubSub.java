package dev.citadel.client.cache.internal;

import dev.citadel.client.cache.Slot;
import dev.citadel.client.cache.ValueCodec;
import dev.citadel.client.cache.pubsub.Event;
import dev.citadel.client.cache.pubsub.EventListener;
import dev.citadel.client.cache.pubsub.PubSub;
import dev.citadel.client.cache.pubsub.Subscription;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PubSub} over one shared pub/sub connection, opened with the first subscription. Lettuce
 * calls back on its I/O thread; messages are handed to one delivery thread owned here, so a slow
 * listener never stalls the connection and listeners see messages in order.
 */
public final class RedisPubSub implements PubSub, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisPubSub.class);

  private final RedisBackend backend;
  private final Map<String, List<Listener<?>>> byChannel = new ConcurrentHashMap<>();
  private final Map<String, List<Listener<?>>> byPattern = new ConcurrentHashMap<>();
  private final ExecutorService delivery;
  private StatefulRedisPubSubConnection<String, byte[]> connection; // guarded by this
  private boolean closed;                                           // guarded by this

  public RedisPubSub(RedisBackend backend) {
    this.backend = backend;
    this.delivery = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "citadel-cache-pubsub-" + backend.clientName());
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public <T> long publish(String domain, String event, ValueCodec<T> codec, T message) {
    String channel = channel(domain, event);
    byte[] bytes = backend.encode("message", codec, message);
    return backend.call("pubsub.publish", Slot.PUBSUB, false, r -> r.publish(channel, bytes));
  }

  @Override
  public long publish(String domain, String event, String message) {
    return publish(domain, event, ValueCodec.utf8(), message);
  }

  @Override
  public <T> Subscription subscribe(String domain, String event, ValueCodec<T> codec,
      EventListener<T> listener) {
    return add(channel(domain, event), false, codec, listener);
  }

  @Override
  public <T> Subscription subscribeDomain(String domain, ValueCodec<T> codec, EventListener<T> listener) {
    Arguments.id("domain", domain);
    return add(backend.keys().channel(domain, "*"), true, codec, listener);
  }

  private String channel(String domain, String event) {
    Arguments.id("domain", domain);
    Arguments.id("event", event);
    return backend.keys().channel(domain, event);
  }

  private <T> Subscription add(String channel, boolean pattern, ValueCodec<T> codec, EventListener<T> listener) {
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(listener, "listener");
    Listener<T> entry = new Listener<>(channel, pattern, codec, listener);
    Map<String, List<Listener<?>>> registry = pattern ? byPattern : byChannel;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("redis: the cache client is closed");
      }
      List<Listener<?>> listeners = registry.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>());
      if (listeners.isEmpty()) {
        StatefulRedisPubSubConnection<String, byte[]> c = connection();
        try {
          backend.callDirect(pattern ? "pubsub.psubscribe" : "pubsub.subscribe", Slot.PUBSUB, true, () -> {
            if (pattern) {
              c.sync().psubscribe(channel);
            } else {
              c.sync().subscribe(channel);
            }
            return null;
          });
        } catch (RuntimeException e) {
          registry.remove(channel, listeners);
          throw e;
        }
      }
      listeners.add(entry);
    }
    return entry;
  }

  private StatefulRedisPubSubConnection<String, byte[]> connection() {
    if (connection == null) {
      connection = backend.callDirect("pubsub.connect", Slot.PUBSUB, true, () -> backend.connections().pubSub());
      connection.addListener(new RedisPubSubAdapter<>() {
        @Override
        public void message(String channel, byte[] message) {
          dispatch(byChannel.get(channel), channel, message);
        }

        @Override
        public void message(String pattern, String channel, byte[] message) {
          dispatch(byPattern.get(pattern), channel, message);
        }
      });
    }
    return connection;
  }

  private void dispatch(List<Listener<?>> listeners, String channel, byte[] message) {
    if (listeners == null || listeners.isEmpty()) {
      return;
    }
    try {
      delivery.execute(() -> listeners.forEach(l -> l.deliver(channel, message)));
    } catch (RejectedExecutionException e) {
      LOG.debug("redis: message on {} dropped, the pub/sub client is closed", channel);
    }
  }

  private synchronized void remove(Listener<?> entry) {
    Map<String, List<Listener<?>>> registry = entry.pattern ? byPattern : byChannel;
    List<Listener<?>> listeners = registry.get(entry.channel);
    if (listeners == null || !listeners.remove(entry) || !listeners.isEmpty()) {
      return;
    }
    registry.remove(entry.channel);
    if (connection != null && connection.isOpen() && !closed) {
      try {
        if (entry.pattern) {
          connection.sync().punsubscribe(entry.channel);
        } else {
          connection.sync().unsubscribe(entry.channel);
        }
      } catch (RuntimeException e) {
        // Not fatal: with no listener left, messages on the channel are dropped on arrival.
        LOG.debug("redis: unsubscribing from {} failed: {}", entry.channel, e.toString());
      }
    }
  }

  @Override
  public void close() {
    StatefulRedisPubSubConnection<String, byte[]> c;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      c = connection;
      connection = null;
      byChannel.clear();
      byPattern.clear();
    }
    delivery.shutdownNow();
    try {
      delivery.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (c != null) {
      backend.connections().release(c);
    }
  }

  private final class Listener<T> implements Subscription {
    private final String channel;
    private final boolean pattern;
    private final ValueCodec<T> codec;
    private final EventListener<T> listener;
    private volatile boolean active = true;

    Listener(String channel, boolean pattern, ValueCodec<T> codec, EventListener<T> listener) {
      this.channel = channel;
      this.pattern = pattern;
      this.codec = codec;
      this.listener = listener;
    }

    void deliver(String actualChannel, byte[] message) {
      if (!active) {
        return;
      }
      T payload;
      try {
        payload = codec.decode(message);
      } catch (RuntimeException e) {
        LOG.warn("redis: a message on {} ({} bytes) could not be decoded by {}: {}", actualChannel,
            message.length, codec, e.getClass().getSimpleName());
        return;
      }
      String rest = actualChannel.substring(backend.keys().channelPrefixLength());
      int colon = rest.indexOf(':');
      String domain = colon < 0 ? rest : rest.substring(0, colon);
      String event = colon < 0 ? "" : rest.substring(colon + 1);
      try {
        listener.onEvent(new Event<>(domain, event, actualChannel, payload));
      } catch (RuntimeException e) {
        LOG.warn("redis: listener on {} failed", actualChannel, e);
      }
    }

    @Override
    public String channel() {
      return channel;
    }

    @Override
    public boolean isActive() {
      return active;
    }

    @Override
    public void close() {
      if (active) {
        active = false;
        remove(this);
      }
    }
  }
}
