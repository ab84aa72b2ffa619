package dev.citadel.client.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Finds free TCP ports on the loopback interface and tells whether a port accepts connections. */
public final class FreePort {

  private FreePort() {
  }

  /**
   * Returns a port that was free on {@code 127.0.0.1} a moment ago, chosen below the kernel's
   * ephemeral range. A server the tests stop and start again (or a proxy they cut and restore)
   * must get its port back: while it is down, clients that keep reconnecting to a port inside the
   * ephemeral range can be handed that very port as their source port (a TCP self-connect) and
   * hold it, so the restart fails with "address already in use".
   *
   * @return the port
   */
  public static int find() {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    int below = ephemeralRangeStart();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = random.nextInt(10_000, below);
      if (bindable(port)) {
        return port;
      }
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free TCP port on 127.0.0.1", e);
    }
  }

  /** The first port the kernel hands out as a source port (Linux's default when unknown). */
  private static int ephemeralRangeStart() {
    try {
      String range = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
      int low = Integer.parseInt(range.split("\\s+")[0]);
      return low > 11_000 ? low : 32_768;
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }

  /**
   * Returns a port {@code p} such that {@code p} and {@code p + offset} were both free on {@code 127.0.0.1} a moment
   * ago, with {@code p + offset} at most 65535 (a Redis Cluster node needs its bus port at {@code p + 10000}).
   *
   * @param offset the distance of the second port
   * @return the first port
   */
  public static int findWithPartner(int offset) {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = random.nextInt(20000, 65536 - offset);
      if (bindable(port) && bindable(port + offset)) {
        return port;
      }
    }
    throw new IllegalStateException("Cannot find two free TCP ports " + offset + " apart on 127.0.0.1");
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Tells whether something accepts TCP connections on the address.
   *
   * @param host the host
   * @param port the port
   * @return true when a connection succeeds within a second
   */
  public static boolean accepting(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
