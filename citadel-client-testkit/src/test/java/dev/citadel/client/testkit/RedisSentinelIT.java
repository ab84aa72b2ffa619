package dev.citadel.client.testkit;

import dev.citadel.client.testkit.internal.Resp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RedisSentinelIT {

  @Test
  void theSentinelReportsTheMasterItMonitors() throws IOException {
    RedisSentinel sentinel = CitadelTestKit.redisSentinel();
    String node = sentinel.sentinels().get(0);
    String host = node.substring(0, node.lastIndexOf(':'));
    int port = Integer.parseInt(node.substring(node.lastIndexOf(':') + 1));

    try (Resp resp = Resp.connect(host, port, null, Duration.ofSeconds(5))) {
      assertThat(resp.command("INFO", "sentinel")).contains("name=" + sentinel.masterName() + ",status=ok,address="
          + sentinel.master().host() + ":" + sentinel.master().port());
    }
    assertThat(RedisIT.call(sentinel.master().host(), sentinel.master().port(), null, "PING")).isEqualTo("+PONG");
    assertThat(sentinel.master().port()).isNotEqualTo(CitadelTestKit.redis().port());
    assertThat(CitadelTestKit.redisSentinel()).as("JVM-wide singleton").isSameAs(sentinel);
  }
}
