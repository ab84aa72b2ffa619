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
     * Returns a port that was free on {@code 127.0.0.1} a moment ago.
     *
     * @return the port
     */
    public static int find() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free TCP port on 127.0.0.1", e);
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
