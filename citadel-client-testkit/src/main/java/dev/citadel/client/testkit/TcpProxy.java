package dev.citadel.client.testkit;

import dev.citadel.client.testkit.internal.Endpoints;
import dev.citadel.client.testkit.internal.FreePort;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder for fault injection: clients connect to {@link #host()}:{@link #port()} and every byte is
 * relayed to and from the target server.
 *
 * <p>{@link #cut()} simulates a network outage: every open connection is closed and new connections are refused
 * until {@link #restore()}, which listens again on the same port. {@link #freeze()} simulates a black hole (a
 * failover without reset, a NAT that dropped its state, a hung server): every connection stays open and new ones
 * are accepted, but no byte is relayed in either direction until {@link #unfreeze()}, which delivers what was
 * held back, as TCP retransmission would. Thread-safe.
 *
 * <pre>{@code
 * try (TcpProxy proxy = TcpProxy.start(pg.host(), pg.port())) {
 *     String url = "jdbc:postgresql://" + proxy.host() + ":" + proxy.port() + "/" + db.name();
 *     ...
 *     proxy.cut();      // connections through the proxy fail
 *     proxy.restore();  // new connections work again
 *     proxy.freeze();   // connections stay open, nothing arrives: reads block
 *     proxy.unfreeze(); // held-back bytes are delivered, relaying resumes
 * }
 * }</pre>
 */
public final class TcpProxy implements AutoCloseable {

  private static final String LISTEN_HOST = "127.0.0.1";
  private static final AtomicInteger IDS = new AtomicInteger();

  private final String targetHost;
  private final int targetPort;
  private final int id = IDS.incrementAndGet();
  private final ExecutorService threads;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();
  private ServerSocket listener;   // null while cut or closed; guarded by lock
  private boolean closed;          // guarded by lock
  private boolean frozen;          // guarded by lock
  private final int port;
  private final java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();

  private TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.threads = Executors.newCachedThreadPool(runnable -> {
      Thread t = new Thread(runnable, "citadel-tcp-proxy-" + id);
      t.setDaemon(true);
      return t;
    });
    this.listener = bind(FreePort.find());
    this.port = listener.getLocalPort();
    startAccepting(listener);
  }

  /**
   * Starts a proxy listening on a free port of {@code 127.0.0.1} and forwarding to the given target.
   *
   * @param targetHost host of the server to forward to
   * @param targetPort port of the server to forward to
   * @return the running proxy
   * @throws UncheckedIOException when no listening socket can be opened
   */
  public static TcpProxy start(String targetHost, int targetPort) {
    Objects.requireNonNull(targetHost, "targetHost");
    if (targetPort < 1 || targetPort > 65535) {
      throw new IllegalArgumentException("targetPort out of range: " + targetPort);
    }
    return new TcpProxy(targetHost, targetPort);
  }

  /**
   * Returns the port clients connect to; it stays the same across {@link #cut()} and {@link #restore()}.
   *
   * @return the listening port
   */
  public int port() {
    return port;
  }

  /**
   * Returns the address clients connect to.
   *
   * @return always {@code 127.0.0.1}
   */
  public String host() {
    return LISTEN_HOST;
  }

  /**
   * Returns {@code database} reached through this proxy, as configuration values: the database's
   * own {@code database.*} values with {@code database.host}/{@code database.port} naming this
   * proxy (the direct endpoint defaults to the same address, so every connection crosses the
   * proxy). The proxy should forward to the database's server.
   *
   * @param database a database of the server this proxy forwards to
   * @return the values, read when asked
   */
  public ConfigValues database(TestDatabase database) {
    return Endpoints.through(Objects.requireNonNull(database, "database"), "database", host(), this::port, Map.of());
  }

  /**
   * Closes every open connection (both sides) and stops listening, so new connections are refused until
   * {@link #restore()}. Does nothing when already cut.
   */
  public void cut() {
    synchronized (lock) {
      closeQuietly(listener);
      listener = null;
      for (Socket socket : sockets) {
        abort(socket);
      }
      sockets.clear();
      lock.notifyAll(); // relays held by a freeze see their sockets closed
    }
  }

  /**
   * Listens again on the same port after {@link #cut()}. Does nothing when not cut.
   *
   * @throws IllegalStateException when the proxy is closed
   * @throws UncheckedIOException when the port cannot be bound again (e.g. another process took it)
   */
  public void restore() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("TcpProxy is closed");
      }
      if (listener == null) {
        listener = bind(port);
        startAccepting(listener);
      }
    }
  }

  /**
   * Stops relaying: open connections stay open and new connections are accepted, but every byte either side sends
   * is held back until {@link #unfreeze()}, so reads on both sides block. Does nothing when already frozen; a
   * {@link #cut()} while frozen still closes every connection.
   */
  public void freeze() {
    synchronized (lock) {
      frozen = true;
    }
  }

  /**
   * Relays again after {@link #freeze()}: bytes held back are delivered first, in order. Connections a peer closed
   * meanwhile stay closed. Does nothing when not frozen.
   */
  public void unfreeze() {
    synchronized (lock) {
      frozen = false;
      lock.notifyAll();
    }
  }

  /**
   * Tells whether the proxy is {@linkplain #freeze() frozen}.
   *
   * @return true between {@link #freeze()} and {@link #unfreeze()}
   */
  public boolean frozen() {
    synchronized (lock) {
      return frozen;
    }
  }

  /**
   * Returns how many connections clients have opened through the proxy so far (each one accepted,
   * whether or not it was relayed): what a test counts to tell one attempt from retries.
   *
   * @return the number of accepted connections since the proxy started
   */
  public long connectionsAccepted() {
    return accepted.get();
  }

  /**
   * Closes every connection and the listening socket, and releases the proxy's threads. Idempotent.
   */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      frozen = false;
      cut();
    }
    threads.shutdownNow();
  }

  /**
   * Describes the proxy.
   *
   * @return a description with listening and target addresses
   */
  @Override
  public String toString() {
    return "TcpProxy[" + LISTEN_HOST + ":" + port + " -> " + targetHost + ":" + targetPort + "]";
  }

  private static ServerSocket bind(int port) {
    try {
      ServerSocket server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getByName(LISTEN_HOST), port), 128);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("TcpProxy cannot listen on " + LISTEN_HOST + ":" + port, e);
    }
  }

  private void startAccepting(ServerSocket server) {
    threads.execute(() -> acceptLoop(server));
  }

  private void acceptLoop(ServerSocket server) {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed by cut() or close()
      }
      accepted.incrementAndGet();
      threads.execute(() -> connect(server, client));
    }
  }

  private void connect(ServerSocket acceptedBy, Socket client) {
    Socket upstream = new Socket();
    try {
      upstream.connect(new InetSocketAddress(targetHost, targetPort), 10_000);
      client.setTcpNoDelay(true);
      upstream.setTcpNoDelay(true);
    } catch (IOException e) {
      closeQuietly(client);
      closeQuietly(upstream);
      return;
    }
    synchronized (lock) {
      // A cut() that happened while connecting must win: the listener it closed is no longer current.
      if (listener != acceptedBy || acceptedBy.isClosed()) {
        closeQuietly(client);
        closeQuietly(upstream);
        return;
      }
      sockets.add(client);
      sockets.add(upstream);
    }
    threads.execute(() -> pump(client, upstream));
    threads.execute(() -> pump(upstream, client));
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (!awaitRelaying(from, to)) {
          return;
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (SocketException e) {
      // closed by the peer, by the other pump, or by cut()
    } catch (IOException e) {
      // same: the relay ends
    } finally {
      sockets.remove(from);
      sockets.remove(to);
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  /**
   * Holds a pump while the proxy is frozen; the bytes it read wait in its buffer, later ones in the kernel's.
   *
   * @return false when either socket was closed meanwhile (by {@link #cut()} or {@link #close()})
   */
  private boolean awaitRelaying(Socket from, Socket to) throws InterruptedIOException {
    synchronized (lock) {
      while (frozen && !from.isClosed() && !to.isClosed()) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("TcpProxy relay interrupted while frozen");
        }
      }
      return !from.isClosed() && !to.isClosed();
    }
  }

  private static void abort(Socket socket) {
    try {
      socket.setSoLinger(true, 0); // reset rather than an orderly close, like a failed network
    } catch (IOException ignored) {
      // already closed
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception ignored) {
      // nothing to do
    }
  }
}
