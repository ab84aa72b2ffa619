package dev.citadel.benchmarks;

import dev.citadel.client.db.Database;
import dev.citadel.client.db.Endpoint;
import dev.citadel.client.db.RowMapper;
import dev.citadel.client.metrics.CallObservation;
import dev.citadel.client.metrics.CallTarget;
import dev.citadel.client.metrics.CitadelMetrics;
import dev.citadel.client.metrics.MicrometerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A second SDK client on the fixture's database, with the same pool, whose metrics hook is the
 * observation part of {@link MicrometerMetrics} over an {@link ObservationRegistry} with no
 * handlers: what a host that passes its registry, but has not configured tracing or meters from
 * observations, pays per call. Only the observation hook: its meters ({@code recordCall}) stay
 * no-ops, so the difference to {@code sdkPointQuery} is the observation path alone.
 */
@State(Scope.Benchmark)
public class ObservedDatabase {
  Database sdk;

  @Setup(Level.Trial)
  public void setUp(PostgresFixture f) {
    CitadelMetrics micrometer = MicrometerMetrics.create(new SimpleMeterRegistry(), ObservationRegistry.create());
    CitadelMetrics observationsOnly = new CitadelMetrics() {
      @Override
      public CallObservation startCall(CallTarget target, String operation) {
        return micrometer.startCall(target, operation);
      }
    };
    sdk = Database.create(f.sdkConfig, observationsOnly);
    if (!QueryBenchmarks.sdkPoint(f, f.rows / 2).equals(sdk.queryOne(QueryBenchmarks.POINT, Item.MAPPER, (long) f.rows / 2))) {
      throw new IllegalStateException("the observed client reads another row than the fixture's");
    }
    sdk.queryOne("SELECT 1", RowMapper.column(Integer.class));
    f.awaitFull("observed sdk", () -> sdk.poolStats(Endpoint.POOLED).total());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (sdk != null) {
      sdk.close();
    }
  }
}
