package dev.citadel.client.testkit;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RedisIT {

  private static final Logger LOG = LoggerFactory.getLogger(RedisIT.class);

  /** Sends raw RESP and returns the first reply line, e.g. {@code +PONG}. */
  static String call(String host, int port, String password, String... command) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2000);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      if (password != null) {
        out.write(encode("AUTH", password));
        assertThat(readLine(in)).isEqualTo("+OK");
      }
      out.write(encode(command));
      out.flush();
      return readLine(in);
    }
  }

  private static byte[] encode(String... args) {
    StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
    for (String arg : args) {
      sb.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new IOException("connection closed");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  @Test
  void resolvesAServerThatAnswersPing() throws IOException {
    RedisServer redis = CitadelTestKit.redis();
    LOG.info("redis() resolved to {}", redis);

    assertThat(call(redis.host(), redis.port(), redis.password(), "PING")).isEqualTo("+PONG");
    // the raw PING above is exactly the bytes *1\r\n$4\r\nPING\r\n
    assertThat(new String(encode("PING"), StandardCharsets.US_ASCII)).isEqualTo("*1\r\n$4\r\nPING\r\n");
    assertThat(redis.uri()).startsWith("redis://").endsWith(redis.host() + ":" + redis.port());
    assertThat(CitadelTestKit.redis()).as("JVM-wide singleton").isSameAs(redis);
    if (redis.source() == ServerSource.EMBEDDED) {
      assertThat(redis.password()).isNull();
      assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + redis.port());
    }
  }

  @Test
  void storesAndReadsValues() throws IOException {
    RedisServer redis = CitadelTestKit.redis();
    String key = "citadel-testkit-it-" + System.nanoTime();

    assertThat(call(redis.host(), redis.port(), redis.password(), "SET", key, "v1", "EX", "60")).isEqualTo("+OK");
    assertThat(call(redis.host(), redis.port(), redis.password(), "EXISTS", key)).isEqualTo(":1");
    assertThat(call(redis.host(), redis.port(), redis.password(), "DEL", key)).isEqualTo(":1");
  }

  @Test
  void stopRefusesConnectionsAndStartServesAgainOnTheSamePort() throws IOException {
    RedisServer redis = CitadelTestKit.redis();
    assumeTrue(redis.controllable(), "Redis source " + redis.source()
        + " cannot be stopped and started; only EMBEDDED servers are controllable");
    int port = redis.port();
    try {
      redis.stop();

      assertThatThrownBy(() -> call(redis.host(), port, redis.password(), "PING"))
          .isInstanceOf(ConnectException.class);
      redis.stop(); // idempotent
    } finally {
      redis.start();
    }
    assertThat(redis.port()).isEqualTo(port);
    assertThat(call(redis.host(), port, redis.password(), "PING")).isEqualTo("+PONG");
    redis.start(); // idempotent
    assertThat(call(redis.host(), port, redis.password(), "PING")).isEqualTo("+PONG");
  }
}
