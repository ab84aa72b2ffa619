package dev.citadel.client.db.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.config.DatabaseConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PgEndpointSocketTimeoutTest {

  private static long seconds(Duration statementTimeout, Duration socketTimeout) {
    return PgEndpoint.socketTimeoutSeconds(DatabaseConfig.builder().database("d").user("u")
        .statementTimeout(statementTimeout).socketTimeout(socketTimeout).build());
  }

  @Test
  void pgJdbcGetsWholeSecondsRoundedUpSoTheBoundIsNeverShorterThanConfigured() {
    assertThat(seconds(Duration.ofSeconds(1), Duration.ofMillis(1_500))).isEqualTo(2);
    assertThat(seconds(Duration.ofSeconds(1), Duration.ofSeconds(2))).isEqualTo(2);
    assertThat(seconds(Duration.ofSeconds(30), null)).as("default: statement timeout + 5 s").isEqualTo(35);
  }

  @Test
  void noStatementTimeoutMeansNoSocketTimeoutUnlessOneIsSet() {
    assertThat(seconds(Duration.ZERO, null)).isZero();
    assertThat(seconds(Duration.ZERO, Duration.ofSeconds(90))).isEqualTo(90);
  }
}
