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
    StatementCall<Object> inner = spares.take(Statements.Kind.UPDATE, "INSERT INTO t VALUES (1)", null, NO_PARAMS, null);
    assertThat(inner).isNotSameAs(outer);
    assertThat(outer.kind()).as("the outer call keeps its own statement").isEqualTo(Statements.Kind.LIST);
    assertThat(inner.kind()).isEqualTo(Statements.Kind.UPDATE);
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
}
