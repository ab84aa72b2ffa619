package dev.citadel.client.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.client.ConfigException;
import dev.citadel.client.UnavailableException;
import dev.citadel.client.cache.internal.RedisFailures;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.cluster.PartitionSelectorException;
import io.lettuce.core.cluster.models.partitions.Partitions;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** How Lettuce's failures are read; the real errors are provoked against servers in the ITs. */
class RedisFailuresTest {
  private final RedisFailures failures = RedisFailures.INSTANCE;

  @Test
  void connectionFailuresAndTimeoutsAreTransient() {
    RedisConnectionException refused = new RedisConnectionException("Unable to connect to 127.0.0.1:1",
        new IOException("Connection refused"));
    assertThat(failures.isTransient(refused)).isTrue();
    assertThat(failures.isNotSent(refused)).isTrue();

    RedisException rejected = new RedisException("Currently not connected. Commands are rejected.");
    assertThat(failures.isTransient(rejected)).isTrue();
    assertThat(failures.isNotSent(rejected)).isTrue();

    RedisCommandTimeoutException timeout = new RedisCommandTimeoutException("Command timed out after 2 second(s)");
    assertThat(failures.isTransient(timeout)).isTrue();
    assertThat(failures.isNotSent(timeout)).as("it may have run").isFalse();

    assertThat(failures.isTransient(new RedisException("Connection closed"))).isTrue();
    assertThat(failures.isTransient(new RedisException("Connection reset by peer"))).isTrue();
    assertThat(failures.isTransient(new RedisException("Connection disconnected"))).isTrue();
    assertThat(failures.isNotSent(new RedisException("Connection disconnected")))
        .as("it may have run").isFalse();
    assertThat(failures.isTransient(new RedisException("oops", new ClosedChannelException()))).isTrue();
    assertThat(failures.isTransient(new CancellationException())).isTrue();
    PartitionSelectorException noNode =
        new PartitionSelectorException("Cannot determine a partition for slot 42.", new Partitions());
    assertThat(failures.isTransient(noNode)).isTrue();
    assertThat(failures.isNotSent(noNode)).as("no node was chosen to send it to").isTrue();
    for (String notNow : new String[] {"LOADING Redis is loading", "BUSY script running", "TRYAGAIN",
        "CLUSTERDOWN The cluster is down", "MASTERDOWN Link with MASTER is down",
        "READONLY You can't write against a read only replica."}) {
      assertThat(failures.isTransient(new RedisCommandExecutionException(notNow))).as(notNow).isTrue();
    }
  }

  @Test
  void errorsAboutTheRequestAreNotTransient() {
    assertThat(failures.isTransient(new RedisCommandExecutionException(
        "WRONGTYPE Operation against a key holding the wrong kind of value"))).isFalse();
    assertThat(failures.isTransient(new RedisNoScriptException("NOSCRIPT No matching script"))).isFalse();
    assertThat(failures.isTransient(new RedisCommandExecutionException(
        "ERR Error running script (call to f_1): @user_script:1: user_script:1: oops"))).isFalse();
    assertThat(failures.isTransient(new RedisCommandExecutionException("NOPERM no permissions"))).isFalse();
    assertThat(failures.isTransient(new RedisCommandExecutionException("OOM command not allowed"))).isFalse();
  }

  @Test
  void translationGivesTheTypedExceptions() {
    RuntimeException wrongType = failures.translate("redis", new RedisCommandExecutionException(
        "WRONGTYPE Operation against a key holding the wrong kind of value"), 1);
    assertThat(wrongType).isInstanceOfSatisfying(RedisCommandException.class,
        e -> assertThat(e.errorCode()).isEqualTo("WRONGTYPE"));

    RuntimeException down = failures.translate("redis",
        new RedisConnectionException("Unable to connect to 127.0.0.1:1"), 3);
    assertThat(down).isInstanceOfSatisfying(UnavailableException.class, e -> {
      assertThat(e.backend()).isEqualTo("redis");
      assertThat(e.breakerOpen()).isFalse();
      assertThat(e.getMessage()).startsWith("redis is unavailable after 3 attempts");
    });

    assertThat(failures.translate("redis", new RedisException("Connection disconnected"), 1))
        .as("a command in flight when the socket dropped")
        .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.breakerOpen()).isFalse());
    assertThat(failures.translate("redis", new CancellationException(), 1))
        .as("a command Lettuce cancelled when it reset the connection")
        .isInstanceOf(UnavailableException.class);

    RedisConnectionException auth = new RedisConnectionException("Unable to connect",
        new RedisCommandExecutionException("WRONGPASS invalid username-password pair or user is disabled."));
    assertThat(failures.isTransient(auth)).isFalse();
    assertThat(failures.translate("redis", auth, 1)).isInstanceOfSatisfying(ConfigException.class,
        e -> assertThat(e.key()).isEqualTo("redis.password"));
  }

  @Test
  void addressesReadAsHostAndPortNotAsSocketAddressDumps() {
    RedisConnectionException refused = new RedisConnectionException("Unable to connect to 127.0.0.1/<unresolved>:6379",
        new IOException("Connection refused: localhost/127.0.0.1:6380"));

    assertThat(failures.translate("redis", refused, 3))
        .isInstanceOf(UnavailableException.class)
        .hasMessage("redis is unavailable after 3 attempts: Unable to connect to 127.0.0.1:6379"
            + " (Connection refused: localhost:6380)");
    assertThat(failures.translate("redis", new RedisConnectionException(
            "Unable to connect to redis.internal/0:0:0:0:0:0:0:1:6379"), 1))
        .hasMessage("redis is unavailable: Unable to connect to redis.internal:6379");
  }
}
