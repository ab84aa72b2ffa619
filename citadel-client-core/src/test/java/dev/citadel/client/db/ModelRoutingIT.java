package dev.citadel.client.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.UnknownModelException;
import dev.citadel.client.support.TestConfigs;
import dev.citadel.client.testkit.CitadelTestKitExtension;
import dev.citadel.client.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CitadelTestKitExtension.class)
class ModelRoutingIT {
  private static final String DEFAULT_SEARCH_PATH = "\"$user\", public";
  private static Database db;

  @BeforeAll
  static void start(TestDatabase testDb) {
    db = Database.create(TestConfigs.citadel(testDb));
    db.migrate();
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  /**
   * 50 threads on a pool of 10 write and read two models interleaved; each row records the
   * model that wrote it. No row may land in, or be read from, the other model's schema, and the
   * default client must never see a routed search_path.
   */
  @Test
  void interleavedModelsNeverCrossSchemas() throws Exception {
    String[] models = {"mixtral", "hermes"};
    int threads = 50;
    int perThread = 40;
    Queue<String> violations = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < perThread; i++) {
          String model = models[(thread + i) % 2];
          SqlClient routed = db.forModel(model);
          String requestId = UUID.randomUUID().toString();
          routed.update("INSERT INTO usage_statistics (request_id, model, prompt_tokens) VALUES (?, ?, ?)",
              requestId, model, i);
          String readBack = routed.queryOne(
              "SELECT model FROM usage_statistics WHERE request_id = ?", RowMapper.column(String.class), requestId);
          if (!model.equals(readBack)) {
            violations.add(model + " read " + readBack);
          }
          String schemaInTx = routed.inTransaction(tx -> tx.queryOne("SELECT current_schema()", RowMapper.column(String.class)));
          if (!model.equals(schemaInTx)) {
            violations.add(model + " transaction ran in " + schemaInTx);
          }
          String unrouted = db.queryOne("SHOW search_path", RowMapper.column(String.class));
          if (!DEFAULT_SEARCH_PATH.equals(unrouted)) {
            violations.add("default client saw search_path " + unrouted);
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(violations).isEmpty();
    for (String model : models) {
      assertThat(db.queryOne("SELECT count(*) FROM " + model + ".usage_statistics WHERE model <> ?",
          RowMapper.column(Long.class), model)).as("foreign rows in %s", model).isZero();
      assertThat(db.queryOne("SELECT count(*) FROM " + model + ".usage_statistics", RowMapper.column(Long.class)))
          .isEqualTo((long) threads * perThread / 2);
    }
  }

  @Test
  void pooledConnectionsKeepTheDefaultSearchPathAfterRoutedWork() throws Exception {
    for (int i = 0; i < 30; i++) {
      db.forModel(i % 2 == 0 ? "phi3" : "yi34").query("SELECT 1", r -> 1);
    }
    int max = db.config().pool().maxConnections();
    List<Connection> all = new ArrayList<>();
    try {
      for (int i = 0; i < max; i++) {
        all.add(db.connection(Endpoint.POOLED));
      }
      for (Connection c : all) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW search_path")) {
          rs.next();
          assertThat(rs.getString(1)).isEqualTo(DEFAULT_SEARCH_PATH);
        }
      }
    } finally {
      for (Connection c : all) {
        c.close();
      }
    }
  }

  @Test
  void unqualifiedNamesResolveInTheModelSchemaOnly() {
    db.forModel("deepseek").update("INSERT INTO error_logs (error_type, message, model) VALUES ('timeout', 'slow', 'deepseek')");
    assertThat(db.forModel("deepseek").queryOne("SELECT count(*) FROM error_logs", RowMapper.column(Long.class))).isEqualTo(1L);
    assertThat(db.forModel("deepcoder").queryOne("SELECT count(*) FROM error_logs", RowMapper.column(Long.class))).isZero();
    assertThat(db.forModel("deepseek").<String, RuntimeException>inTransaction(tx -> tx.schema())).isEqualTo("deepseek");
  }

  @Test
  void unknownModelIsRejectedBeforeAnySqlRuns() {
    assertThatThrownBy(() -> db.forModel("gpt-unknown"))
        .isInstanceOf(UnknownModelException.class)
        .hasMessageContaining("gpt-unknown");
  }
}
