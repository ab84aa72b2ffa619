package dev.citadel.doctor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.cache.config.RedisConfig;
import dev.citadel.client.config.AuthConfig;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.vector.config.QdrantConfig;
import org.junit.jupiter.api.Test;

class RedactorTest {

  @Test
  void masksEverySecretOfTheConfig() {
    CitadelConfig config = CitadelConfig.builder()
        .database(DatabaseConfig.builder().database("citadel").user("app").password("db-password-1").build())
        .section(RedisConfig.builder().url("redis://app:url%2Fpass@cache:6379/0").password("redis-password-2")
            .build())
        .section(QdrantConfig.builder().apiKey("qdrant-key-3").build())
        .auth(AuthConfig.builder().keyPepper("pepper-of-sixteen-chars").build())
        .build();
    Redactor r = Redactor.of(config);

    assertThat(r.apply("a db-password-1 b redis-password-2 c qdrant-key-3 d pepper-of-sixteen-chars e"))
        .isEqualTo("a ****** b ****** c ****** d ****** e");
    assertThat(r.apply("url redis://app:url%2Fpass@cache:6379/0")).isEqualTo("url ******");
    assertThat(r.apply("encoded url%2Fpass, decoded url/pass")).isEqualTo("encoded ******, decoded ******");
    assertThat(r.apply(null)).isNull();
  }

  @Test
  void shortSecretsAreNotSearchedForAndLongerOnesGoFirst() {
    Redactor r = Redactor.of("abc", "password", "password-longer");

    assertThat(r.apply("abc password-longer password")).isEqualTo("abc ****** ******");
  }
}
