package dev.citadel.client.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedServerTest {

  @Test
  void startsOnceOnFirstUse() {
    AtomicInteger starts = new AtomicInteger();
    SharedServer<String> shared = new SharedServer<>("Example", () -> "server-" + starts.incrementAndGet());
    assertThat(starts).hasValue(0);
    assertThat(shared.get()).isEqualTo("server-1");
    assertThat(shared.get()).isEqualTo("server-1");
    assertThat(starts).hasValue(1);
  }

  @Test
  void aFailedStartIsRememberedAndRepeatedWithoutStartingAgain() {
    AtomicInteger starts = new AtomicInteger();
    IllegalStateException boom = new IllegalStateException("no redis-server binary for this platform");
    SharedServer<String> shared = new SharedServer<>("the TLS Redis", () -> {
      starts.incrementAndGet();
      throw boom;
    });
    assertThatThrownBy(shared::get).isSameAs(boom);
    assertThatThrownBy(shared::get)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Citadel test kit: the TLS Redis could not be provided earlier in this JVM: "
            + "no redis-server binary for this platform")
        .hasCause(boom);
    assertThat(starts).hasValue(1);
  }
}
