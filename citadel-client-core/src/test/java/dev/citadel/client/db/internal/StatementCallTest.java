package dev.citadel.client.db.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class StatementCallTest {
  private static final Object[] NO_PARAMS = {};

  private final StatementCall.Spares spares = new StatementCall.Spares(null);

  @Test
  void aThreadReusesItsCallOnceTheLastOneIsBack() {
    StatementCall<Object> first = spares.take(Statements.Kind.UPDATE, "SELECT 1", null, NO_PARAMS, null);
    spares.putBack(first);
    StatementCall<Object> second = spares.take(Statements.Kind.UPDATE, "SELECT 2", null, NO_PARAMS, null);
    spares.putBack(second);
    assertThat(second).isSameAs(first);
  }

  @Test
  void aCallMadeDuringAnotherGetsItsOwn() {
    StatementCall<Object> outer = spares.take(Statements.Kind.LIST, "SELECT 1", null, NO_PARAMS, null);
    StatementCall<Object> inner = spares.take(Statements.Kind.LIST, "INSERT INTO t VALUES (1) RETURNING id", null, NO_PARAMS, null);
    assertThat(inner).isNotSameAs(outer);
    assertThat(outer.idempotent()).as("the outer call keeps its own statement").isTrue();
    assertThat(inner.idempotent()).isFalse();
    spares.putBack(inner);
    spares.putBack(outer);
  }

  @Test
  void anotherThreadNeverGetsACallThatIsOut() throws Exception {
    StatementCall<Object> mine = spares.take(Statements.Kind.ONE, "SELECT 1", null, NO_PARAMS, null);
    StatementCall<Object> theirs = CompletableFuture.supplyAsync(() -> {
      StatementCall<Object> call = spares.take(Statements.Kind.ONE, "SELECT 2", null, NO_PARAMS, null);
      spares.putBack(call);
      return call;
    }).get();
    assertThat(theirs).isNotSameAs(mine);
    spares.putBack(mine);
  }

  @Test
  void onlyReadsRunAgainAfterReachingTheServer() {
    assertThat(idempotent(Statements.Kind.ONE, "SELECT 1")).isTrue();
    assertThat(idempotent(Statements.Kind.ONE, "INSERT INTO t VALUES (1) RETURNING id")).isFalse();
    assertThat(idempotent(Statements.Kind.UPDATE, "SELECT pg_advisory_lock(1)")).isFalse();
    assertThat(idempotent(Statements.Kind.BATCH, "SELECT 1")).isFalse();
  }

  private boolean idempotent(Statements.Kind kind, String sql) {
    StatementCall<Object> call = spares.take(kind, sql, null, NO_PARAMS, null);
    try {
      return call.idempotent();
    } finally {
      spares.putBack(call);
    }
  }
}
