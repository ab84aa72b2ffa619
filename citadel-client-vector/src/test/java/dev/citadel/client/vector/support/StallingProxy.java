package dev.citadel.client.vector.support;

import dev.citadel.client.testkit.ConfigValues;
import dev.citadel.client.testkit.QdrantServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A TCP forwarder to a server that can hold back what clients send: while {@link #stall()}ed,
 * bytes from clients are read and kept (the client's call hangs, as on a congested network);
 * {@link #resume()} forwards them, in order. Unlike the test kit's {@code TcpProxy}, which cuts
 * connections, it keeps them open, so a call is in flight for as long as the test wants.
 * Replies from the server always pass. Thread-safe.
 */
public final class StallingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final String targetHost;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Object gate = new Object();
  private boolean stalled;
  private CountDownLatch heldBack = new CountDownLatch(1);

  private StallingProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "stalling-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Listens on a free loopback port, forwarding to {@code targetHost:targetPort}. */
  public static StallingProxy start(String targetHost, int targetPort) {
    try {
      return new StallingProxy(targetHost, targetPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The loopback address clients connect to. */
  public String host() {
    return listener.getInetAddress().getHostAddress();
  }

  /** The port clients connect to. */
  public int port() {
    return listener.getLocalPort();
  }

  /**
   * {@code server}'s values with {@code qdrant.host}/{@code qdrant.port} naming this proxy, which
   * should forward to it.
   */
  public ConfigValues qdrant(QdrantServer server) {
    return () -> {
      Map<String, String> values = new LinkedHashMap<>(server.configValues());
      values.put("qdrant.host", host());
      values.put("qdrant.port", Integer.toString(port()));
      return values;
    };
  }

  /** From now on, holds back every byte clients send until {@link #resume()}. */
  public void stall() {
    synchronized (gate) {
      stalled = true;
      heldBack = new CountDownLatch(1);
    }
  }

  /** A latch released once a client has sent something while stalled (a call is then stuck). */
  public CountDownLatch heldBack() {
    synchronized (gate) {
      return heldBack;
    }
  }

  /** Forwards what was held back and everything after. */
  public void resume() {
    synchronized (gate) {
      stalled = false;
      gate.notifyAll();
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(targetHost, targetPort);
        sockets.add(client);
        sockets.add(server);
        pump(client, server, true);
        pump(server, client, false);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean fromClient) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (fromClient) {
            awaitOpenGate();
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // the other side closed, or the proxy did
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "stalling-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private void awaitOpenGate() throws InterruptedException {
    synchronized (gate) {
      if (stalled) {
        heldBack.countDown();
      }
      while (stalled) {
        gate.wait();
      }
    }
  }

  @Override
  public void close() {
    resume();
    closeQuietly(listener);
    sockets.forEach(StallingProxy::closeQuietly);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing anyway
    }
  }
}
