package dev.citadel.client.testkit.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A minimal blocking RESP2 client for health checks: commands in, simple strings, errors, integers and bulk
 * strings out. Not thread-safe.
 */
public final class Resp implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private Resp(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /**
   * Connects and, when a password is given, authenticates.
   *
   * @param host the host
   * @param port the port
   * @param password the password, or null for none
   * @param timeout connect and read timeout
   * @return the connection
   * @throws IOException on network failure or rejected authentication
   */
  public static Resp connect(String host, int port, String password, Duration timeout) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      socket.setTcpNoDelay(true);
      Resp resp = new Resp(socket);
      if (password != null) {
        String reply = resp.command("AUTH", password);
        if (!"OK".equals(reply)) {
          throw new IOException("Redis AUTH was rejected");
        }
      }
      return resp;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * Sends a command and reads its reply.
   *
   * @param args the command and its arguments
   * @return the simple string or bulk string reply (null for a null bulk string), or an integer as text
   * @throws IOException on network failure or when the server answers with an error
   */
  public String command(String... args) throws IOException {
    send(args);
    return readReply();
  }

  /**
   * Sends a command without reading a reply (for {@code SHUTDOWN}, which closes the connection).
   *
   * @param args the command and its arguments
   * @throws IOException on network failure
   */
  public void send(String... args) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    buffer.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String arg : args) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      buffer.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      buffer.writeBytes(bytes);
      buffer.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.write(buffer.toByteArray());
    out.flush();
  }

  private String readReply() throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new EOFException("Redis closed the connection");
    }
    String line = readLine();
    switch (type) {
      case '+':
      case ':':
        return line;
      case '-':
        throw new IOException("Redis error: " + line);
      case '$': {
        int length = Integer.parseInt(line);
        if (length < 0) {
          return null;
        }
        byte[] data = in.readNBytes(length);
        if (data.length < length) {
          throw new EOFException("Redis closed the connection");
        }
        readLine();
        return new String(data, StandardCharsets.UTF_8);
      }
      default:
        throw new IOException("Unexpected RESP reply type '" + (char) type + "'");
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("Redis closed the connection");
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
      }
      line.write(b);
      previous = b;
    }
  }

  /**
   * Tells whether the server answers {@code PING} with {@code PONG}.
   *
   * @param host the host
   * @param port the port
   * @param password the password, or null
   * @return true when it does
   */
  public static boolean ping(String host, int port, String password) {
    try (Resp resp = connect(host, port, password, Duration.ofSeconds(2))) {
      return "PONG".equals(resp.command("PING"));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Reads {@code redis_version} from {@code INFO server}.
   *
   * @param host the host
   * @param port the port
   * @param password the password, or null
   * @return the version, e.g. 6.2.6
   * @throws IOException on failure
   */
  public static String version(String host, int port, String password) throws IOException {
    try (Resp resp = connect(host, port, password, Duration.ofSeconds(5))) {
      String info = resp.command("INFO", "server");
      if (info != null) {
        for (String line : info.split("\r?\n")) {
          if (line.startsWith("redis_version:")) {
            return line.substring("redis_version:".length()).trim();
          }
        }
      }
      return "unknown";
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
