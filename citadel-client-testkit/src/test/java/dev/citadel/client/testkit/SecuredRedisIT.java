package dev.citadel.client.testkit;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class SecuredRedisIT {

  @Test
  void refusesClientsWithoutThePasswordAndAcceptsTheDefaultAndTheAclUser() throws IOException {
    RedisServer redis = CitadelTestKit.securedRedis();

    assertThat(redis.password()).isNotBlank();
    assertThat(redis.username()).isNotBlank();
    assertThat(redis.toString()).doesNotContain(redis.password());
    assertThat(redis.uri()).isEqualTo("redis://" + redis.username() + ":" + redis.password() + "@"
        + redis.host() + ":" + redis.port());
    assertThat(RedisIT.call(redis.host(), redis.port(), null, "PING")).startsWith("-NOAUTH");
    assertThat(RedisIT.call(redis.host(), redis.port(), redis.password(), "PING")).isEqualTo("+PONG");
    assertThat(RedisIT.call(redis.host(), redis.port(), null, "AUTH", redis.username(), redis.password()))
        .isEqualTo("+OK");
    assertThat(RedisIT.call(redis.host(), redis.port(), null, "AUTH", redis.username(), "wrong"))
        .startsWith("-WRONGPASS");
    assertThat(CitadelTestKit.securedRedis()).as("JVM-wide singleton").isSameAs(redis);
    assertThat(CitadelTestKit.securedRedis()).isNotSameAs(CitadelTestKit.redis());
  }
}
