package dev.citadel.client.db.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementCallTest {
  private static final Object[] NO_PARAMS = {};

  @Test
  void aThreadReusesItsCallOnceTheLastOneFinished() {
    StatementCall<Object> first = StatementCall.start(null, Statements.Kind.UPDATE, "SELECT 1", null, NO_PARAMS, null);
    first.finish();
    StatementCall<Object> second = StatementCall.start(null, Statements.Kind.UPDATE, "SELECT 2", null, NO_PARAMS, null);
    second.finish();
    assertThat(second).isSameAs(first);
  }

  @Test
  void aCallMadeDuringAnotherGetsItsOwn() {
    StatementCall<Object> outer = StatementCall.start(null, Statements.Kind.LIST, "SELECT 1", null, NO_PARAMS, null);
    try {
      StatementCall<Object> inner = StatementCall.start(null, Statements.Kind.LIST, "SELECT 2", null, NO_PARAMS, null);
      inner.finish();
      assertThat(inner).isNotSameAs(outer);
      assertThat(outer.idempotent()).as("the outer call keeps its own statement").isTrue();
    } finally {
      outer.finish();
    }
  }

  @Test
  void onlyReadsRunAgainAfterReachingTheServer() {
    assertThat(idempotent(Statements.Kind.ONE, "SELECT 1")).isTrue();
    assertThat(idempotent(Statements.Kind.ONE, "INSERT INTO t VALUES (1) RETURNING id")).isFalse();
    assertThat(idempotent(Statements.Kind.UPDATE, "SELECT pg_advisory_lock(1)")).isFalse();
    assertThat(idempotent(Statements.Kind.BATCH, "SELECT 1")).isFalse();
  }

  private static boolean idempotent(Statements.Kind kind, String sql) {
    StatementCall<Object> call = StatementCall.start(null, kind, sql, null, NO_PARAMS, null);
    try {
      return call.idempotent();
    } finally {
      call.finish();
    }
  }
}
