package dev.citadel.doctor.internal;

import dev.citadel.client.health.HealthCheck;
import dev.citadel.client.health.HealthReport;
import dev.citadel.client.health.HealthStatus;
import dev.citadel.client.metadata.Metadata;
import dev.citadel.client.metadata.VectorCollection;
import dev.citadel.client.paging.Page;
import dev.citadel.client.paging.PageRequest;
import dev.citadel.client.vector.CitadelVectors;
import dev.citadel.client.vector.CollectionNotFoundException;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.CollectionState;
import dev.citadel.client.vector.Distance;
import dev.citadel.client.vector.PayloadFieldType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Qdrant lines: {@code qdrant} (reachable, version, breaker: the vector module's own check),
 * {@code qdrant.registered} (the collections registered in PostgreSQL's {@code collections}
 * table, read over the pooled endpoint) and {@code qdrant.collection.<name>} for every expected
 * collection: it exists, and its vector size, distance and payload indexes match its spec.
 *
 * <p>Expected collections: what the config declares, i.e. every collection registered in its
 * database, plus the names {@code --collections} gives and, with {@code --default-collections},
 * the four seed collections ({@link CollectionSpec#defaultCollections()}). So the doctor and an
 * application that creates only the collections it registers agree on the same config. A
 * registered collection is compared with its row (size and distance; a seed name keeps the seed's
 * indexes too); a seed name with its seed spec; any other name only has to exist.
 */
final class QdrantChecks {
  static final String QDRANT = "qdrant";
  static final String REGISTERED = "qdrant.registered";
  static final String COLLECTION = "qdrant.collection.";
  private static final int PAGE = 500;

  /** What one collection should look like, and where that comes from. */
  record Expectation(String name, Integer vectorSize, Distance distance, Map<String, PayloadFieldType> indexes,
      String origin) {}

  private QdrantChecks() {}

  /** The line names known before running: {@code qdrant}, {@code qdrant.registered}, one per wanted collection. */
  static List<String> expectedNames(List<String> wanted) {
    List<String> names = new ArrayList<>(List.of(QDRANT, REGISTERED));
    initial(wanted).keySet().forEach(n -> names.add(COLLECTION + n));
    return names;
  }

  /** Runs the checks, handing each line to {@code sink} as soon as it is known. */
  static void run(CitadelVectors vectors, Metadata metadata, String metadataSchema, List<String> wanted,
      Consumer<HealthCheck> sink) {
    HealthReport own = vectors.health();
    own.checks().forEach(sink);
    boolean reachable = own.check(QDRANT).map(HealthCheck::isUp).orElse(false);

    Map<String, Expectation> expected = initial(wanted);
    long start = System.nanoTime();
    String table = metadataSchema + ".collections";
    try {
      List<VectorCollection> rows = registered(metadata);
      for (VectorCollection row : rows) {
        Expectation seed = expected.get(row.name());
        Map<String, PayloadFieldType> indexes = seedSpec(row.name()).map(CollectionSpec::payloadIndexes)
            .orElse(Map.of());
        expected.put(row.name(), new Expectation(row.name(), row.vectorSize(), Distance.fromName(row.distance()),
            seed == null ? indexes : seed.indexes(), "registration in " + table));
      }
      Map<String, Object> attrs = new LinkedHashMap<>();
      attrs.put("table", table);
      attrs.put("collections", rows.stream().map(VectorCollection::name).toList());
      sink.accept(HealthCheck.up(REGISTERED, rows.isEmpty()
          ? "no collections registered in " + table
          : rows.size() + " registered in " + table + ": "
              + String.join(", ", rows.stream().map(VectorCollection::name).toList()),
          attrs, since(start)));
    } catch (RuntimeException e) {
      sink.accept(HealthCheck.down(REGISTERED, "could not read " + table + " from PostgreSQL: " + Failures.describe(e),
          since(start)));
    }

    for (Expectation e : expected.values()) {
      sink.accept(reachable
          ? collection(vectors, e)
          : HealthCheck.down(COLLECTION + e.name(), "skipped: Qdrant is unreachable", Duration.ZERO));
    }
  }

  private static Map<String, Expectation> initial(List<String> wanted) {
    Map<String, Expectation> out = new LinkedHashMap<>();
    for (String name : wanted) {
      out.put(name, seedSpec(name).map(QdrantChecks::fromSpec)
          .orElse(new Expectation(name, null, null, Map.of(), "--collections")));
    }
    return out;
  }

  private static Expectation fromSpec(CollectionSpec s) {
    return new Expectation(s.name(), s.vectorSize(), s.distance(), s.payloadIndexes(), "seed spec");
  }

  private static Optional<CollectionSpec> seedSpec(String name) {
    return CollectionSpec.defaultCollections().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  private static List<VectorCollection> registered(Metadata metadata) {
    List<VectorCollection> out = new ArrayList<>();
    Optional<PageRequest> next = Optional.of(PageRequest.first(PAGE));
    while (next.isPresent()) {
      Page<VectorCollection> page = metadata.collections().list(null, next.get());
      out.addAll(page.items());
      next = page.next(PAGE);
    }
    return out;
  }

  private static HealthCheck collection(CitadelVectors vectors, Expectation e) {
    String name = COLLECTION + e.name();
    long start = System.nanoTime();
    try {
      CollectionState s = vectors.describe(e.name());
      Duration took = since(start);
      List<String> problems = new ArrayList<>();
      if (e.vectorSize() != null && (s.vectorSize() != e.vectorSize() || s.distance() != e.distance())) {
        problems.add(s.vectorSize() + "-d " + s.distance().qdrantName() + " but the " + e.origin() + " asks for "
            + e.vectorSize() + "-d " + e.distance().qdrantName());
      }
      List<String> missing = new ArrayList<>();
      e.indexes().forEach((field, type) -> {
        if (s.payloadIndexes().get(field) != type) {
          missing.add(field + " (" + type.name().toLowerCase(Locale.ROOT) + ")");
        }
      });
      if (!missing.isEmpty()) {
        problems.add("missing payload indexes: " + String.join(", ", missing));
      }
      Map<String, Object> attrs = new LinkedHashMap<>();
      attrs.put("vector_size", s.vectorSize());
      attrs.put("distance", s.distance().qdrantName());
      attrs.put("points", s.pointsCount());
      attrs.put("hnsw_m", s.hnswM());
      attrs.put("indexes", s.payloadIndexes().keySet().stream().sorted().toList());
      attrs.put("expected_by", e.origin());
      if (!problems.isEmpty()) {
        return new HealthCheck(name, HealthStatus.DOWN, String.join("; ", problems), attrs, took);
      }
      String shape = s.vectorSize() + "-d " + s.distance().qdrantName() + ", " + s.pointsCount() + " points";
      return HealthCheck.up(name, e.vectorSize() == null
          ? shape + " (exists; no spec to compare with)"
          : shape + ", matches the " + e.origin(), attrs, took);
    } catch (CollectionNotFoundException x) {
      return HealthCheck.down(name, "missing: the " + e.origin() + " expects it (create it with CitadelVectors.ensure"
          + " or VectorSync.registerCollection)", since(start));
    } catch (RuntimeException x) {
      return HealthCheck.down(name, Failures.describe(x), since(start));
    }
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
