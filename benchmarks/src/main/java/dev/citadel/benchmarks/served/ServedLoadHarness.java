package dev.citadel.benchmarks.served;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load on the running served application (examples, {@code -Dserved}) over HTTP: N concurrent
 * clients (default 16), each with its own API key and session, for a fixed time after a warm-up,
 * sending a mix of chat completions (repeated questions: response-cache hits; new ones: misses
 * that go through memory, retrieval and the simulated model), document ingestion, routed
 * lookups ({@code GET /v1/models/{model}}), 100-row usage range scans and filtered searches.
 *
 * <p>Prints requests/s, p50/p95/p99 per endpoint (client side), the p99 of each backend operation
 * from the service's own meters ({@code served_sdk_calls_seconds} histograms on
 * {@code /actuator/prometheus}, the difference between a scrape before and one after the measured
 * time, so the warm-up is left out) against its seed 004 target, and the share of the service's
 * request time spent in SDK calls, in the embedding model and in the simulated model.
 *
 * <p>With {@code --profile-pid} (the service's process id, same machine, Linux) it also prints a
 * {@link SchedulerProfile} of the measured window: CPU time per process, and per group of service
 * threads the seconds on a CPU and the seconds runnable but waiting for one.
 *
 * <pre>
 * java -cp benchmarks/target/citadel-benchmarks.jar dev.citadel.benchmarks.served.ServedLoadHarness \
 *     --url http://127.0.0.1:8080 --admin-key ck_... [--clients 16] [--duration 60s] [--warmup 15s] \
 *     [--profile-pid PID]
 * </pre>
 * Start the service with {@code --served.rate-limit-per-minute=} high enough for the load (each
 * client has its own key), otherwise part of the traffic is answered 429 (counted and shown).
 */
public final class ServedLoadHarness {

  /** Seed 004's p99 targets, per backend operation of the service's meter. */
  static final Map<String, Double> TARGETS_MS = new LinkedHashMap<>();

  static {
    TARGETS_MS.put("routed_lookup", 5.0);
    TARGETS_MS.put("range_scan_100", 20.0);
    TARGETS_MS.put("filtered_search", 100.0);
    TARGETS_MS.put("vector_top10", 100.0);
    TARGETS_MS.put("session_lookup", 1.0);
  }

  private static final String[] TOPICS = {
      "Redis database 0 holds sessions with a sliding one hour lifetime.",
      "Redis database 5 holds rate limits as sliding windows per key.",
      "Audit events form a SHA-256 hash chain that a verifier checks.",
      "Every model has its own PostgreSQL schema with usage statistics and error logs.",
      "The documents collection stores 384 dimensional Cosine vectors.",
      "PgBouncer in transaction mode needs the transaction pooler setting.",
      "The outbox relay pushes PostgreSQL writes to Qdrant in the background.",
      "API keys are stored as HMAC hashes under a pepper, never in plain text."};

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String url;
  private final String model;
  private final Map<String, Recorder> endpoints = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

  private ServedLoadHarness(String url, String model) {
    this.url = url;
    this.model = model;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    String adminKey = options.getOrDefault("admin-key", System.getenv("SERVED_ADMIN_KEY"));
    if (adminKey == null || adminKey.isBlank()) {
      System.err.println("usage: ServedLoadHarness --admin-key ck_... [--url http://127.0.0.1:8080] [--clients 16]"
          + " [--duration 60s] [--warmup 15s] [--model mixtral] [--profile-pid PID]  (or SERVED_ADMIN_KEY)");
      System.exit(2);
    }
    int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
    Duration duration = duration(options.getOrDefault("duration", "60s"));
    Duration warmup = duration(options.getOrDefault("warmup", "15s"));
    ServedLoadHarness harness = new ServedLoadHarness(options.getOrDefault("url", "http://127.0.0.1:8080"),
        options.getOrDefault("model", "mixtral"));
    String profilePid = options.get("profile-pid");
    harness.run(adminKey, clients, warmup, duration, profilePid == null ? -1 : Long.parseLong(profilePid));
  }

  private void run(String adminKey, int clients, Duration warmup, Duration duration, long profilePid)
      throws Exception {
    System.out.printf("served load harness: %s, %d clients, warm-up %s, measured %s%n", url, clients, warmup,
        duration);
    List<String> keys = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      HttpResponse<String> r = send("POST", "/admin/keys", adminKey, "{\"owner\": \"load-" + c + "-"
          + Long.toString(System.nanoTime(), 36) + "\"}");
      require(r, 201, "issue a key");
      keys.add(field(r.body(), "key"));
    }
    for (int i = 0; i < TOPICS.length; i++) {
      require(send("POST", "/v1/documents", keys.get(0), ingestBody("Handbook " + i, TOPICS[i] + " "
          + TOPICS[(i + 1) % TOPICS.length])), 201, "ingest the seed documents");
    }

    AtomicBoolean measuring = new AtomicBoolean(false);
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch finished = new CountDownLatch(clients);
    for (int c = 0; c < clients; c++) {
      Client client = new Client(c, keys.get(c), measuring, running, finished);
      Thread t = new Thread(client, "served-load-" + c);
      t.setDaemon(true);
      t.start();
    }
    Thread.sleep(warmup.toMillis());
    Map<String, Double> before = scrape();
    SchedulerProfile scheduled = profilePid > 0 ? SchedulerProfile.take(profilePid) : null;
    long started = System.nanoTime();
    measuring.set(true);
    Thread.sleep(duration.toMillis());
    measuring.set(false);
    double seconds = (System.nanoTime() - started) / 1e9;
    SchedulerProfile scheduledAfter = scheduled == null ? null : SchedulerProfile.take(profilePid);
    Map<String, Double> after = scrape();
    running.set(false);
    finished.await();
    report(seconds, before, after, clients);
    if (scheduled != null) {
      SchedulerProfile.print(scheduled, scheduledAfter);
    }
  }

  /** One client: its own key and session, a weighted random mix of requests. */
  private final class Client implements Runnable {
    private final int id;
    private final String key;
    private final AtomicBoolean measuring;
    private final AtomicBoolean running;
    private final CountDownLatch finished;
    private String session;
    private long counter;

    Client(int id, String key, AtomicBoolean measuring, AtomicBoolean running, CountDownLatch finished) {
      this.id = id;
      this.key = key;
      this.measuring = measuring;
      this.running = running;
      this.finished = finished;
    }

    @Override
    public void run() {
      try {
        while (running.get()) {
          once();
        }
      } catch (IOException | RuntimeException e) {
        System.err.println("client " + id + " stopped: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        finished.countDown();
      }
    }

    private void once() throws IOException, InterruptedException {
      int pick = ThreadLocalRandom.current().nextInt(100);
      counter++;
      if (pick < 45) {
        // a question every client asks: after its first answer, a response-cache hit
        chat("What does the handbook say about topic " + ThreadLocalRandom.current().nextInt(20) + "?");
      } else if (pick < 65) {
        chat("Client " + id + " asks question " + counter + ": " + TOPICS[(int) (counter % TOPICS.length)]);
      } else if (pick < 70) {
        timed("POST /v1/documents", "POST", "/v1/documents", ingestBody("Note " + id + "-" + counter,
            TOPICS[(int) (counter % TOPICS.length)] + " Written by client " + id + " as note " + counter + "."));
      } else if (pick < 80) {
        timed("GET /v1/models/{model}", "GET", "/v1/models/" + model, null);
      } else if (pick < 90) {
        timed("GET /v1/usage", "GET", "/v1/usage?model=" + model, null);
      } else {
        timed("POST /v1/documents/search", "POST", "/v1/documents/search", "{\"query\": \"" + TOPICS[(int) (counter
            % TOPICS.length)] + "\", \"tags\": [\"handbook\"], \"limit\": 10}");
      }
    }

    private void chat(String question) throws IOException, InterruptedException {
      HttpRequest.Builder b = request("/v1/chat/completions", key).POST(HttpRequest.BodyPublishers.ofString(
          "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"" + question + "\"}]}"));
      if (session != null) {
        b.header("X-Session-Id", session);
      }
      long t0 = System.nanoTime();
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      long elapsed = System.nanoTime() - t0;
      r.headers().firstValue("X-Session-Id").ifPresent(s -> session = s);
      String label = "POST /v1/chat/completions (" + r.headers().firstValue("X-Cache").orElse("error") + ")";
      record(label, r.statusCode(), elapsed);
    }

    private void timed(String label, String method, String path, String body) throws IOException,
        InterruptedException {
      long t0 = System.nanoTime();
      HttpResponse<String> r = send(method, path, key, body);
      record(label, r.statusCode(), System.nanoTime() - t0);
    }

    private void record(String label, int status, long nanos) {
      if (measuring.get()) {
        endpoints.computeIfAbsent(label, l -> new Recorder()).add(nanos);
        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
      }
    }
  }

  private void report(double seconds, Map<String, Double> before, Map<String, Double> after, int clients) {
    long total = endpoints.values().stream().mapToLong(Recorder::count).sum();
    System.out.printf("%nrequests: %,d in %.1f s = %,.1f requests/s with %d clients; statuses %s%n", total, seconds,
        total / seconds, clients, new TreeMap<>(statuses));
    System.out.printf("%n%-40s %9s %9s %9s %9s %9s%n", "endpoint (client side)", "count", "req/s", "p50 ms",
        "p95 ms", "p99 ms");
    new TreeMap<>(endpoints).forEach((label, r) -> {
      long[] sorted = r.sorted();
      System.out.printf("%-40s %9d %9.1f %9.2f %9.2f %9.2f%n", label, sorted.length, sorted.length / seconds,
          percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99));
    });

    System.out.printf("%n%-22s %9s %12s %11s %s%n", "backend operation", "count", "p99 ms", "target ms",
        "verdict (service meters: served_sdk_calls_seconds, measured window only)");
    for (Map.Entry<String, Double> target : TARGETS_MS.entrySet()) {
      Histogram h = Histogram.delta("served_sdk_calls_seconds", "operation", target.getKey(), before, after);
      if (h.count() == 0) {
        System.out.printf("%-22s %9d %12s %11.0f %s%n", target.getKey(), 0, "-", target.getValue(), "not exercised");
        continue;
      }
      double p99 = h.quantile(0.99) * 1000;
      System.out.printf("%-22s %9d %12.3f %11.0f %s%n", target.getKey(), h.count(), p99, target.getValue(),
          p99 < target.getValue() ? "met" : "MISSED");
    }

    double request = delta(before, after, "http_server_requests_seconds_sum", "uri", "/v1/");
    double sdk = delta(before, after, "served_sdk_calls_seconds_sum", null, null);
    double model = delta(before, after, "served_model_calls_seconds_sum", null, null);
    double embedding = delta(before, after, "served_embedding_calls_seconds_sum", null, null);
    if (request > 0) {
      System.out.printf("%nservice request time %.1f s (http_server_requests, /v1/*): SDK calls %.1f%%, simulated model"
              + " %.1f%%, embedding model (ONNX) %.1f%%, the rest (HTTP, JSON, the application) %.1f%%%n", request,
          100 * sdk / request, 100 * model / request, 100 * embedding / request,
          100 * (request - sdk - model - embedding) / request);
    }
  }

  /** Sum of the differences of every series of {@code name} whose {@code label} starts with {@code prefix}. */
  private static double delta(Map<String, Double> before, Map<String, Double> after, String name, String label,
      String prefix) {
    double sum = 0;
    for (Map.Entry<String, Double> e : after.entrySet()) {
      Series s = Series.parse(e.getKey());
      if (s.name.equals(name) && (label == null || s.labels.getOrDefault(label, "").startsWith(prefix))) {
        sum += e.getValue() - before.getOrDefault(e.getKey(), 0.0);
      }
    }
    return sum;
  }

  /** {@code /actuator/prometheus}: series text (name and labels) to value. */
  private Map<String, Double> scrape() throws IOException, InterruptedException {
    HttpResponse<String> r = send("GET", "/actuator/prometheus", null, null);
    require(r, 200, "scrape /actuator/prometheus");
    Map<String, Double> values = new HashMap<>();
    for (String line : r.body().split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      try {
        values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      } catch (NumberFormatException e) {
        // a value such as NaN for a gauge we do not read
      }
    }
    return values;
  }

  /** A Prometheus series: name and labels. */
  record Series(String name, Map<String, String> labels) {
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static Series parse(String text) {
      int brace = text.indexOf('{');
      if (brace < 0) {
        return new Series(text.trim(), Map.of());
      }
      Map<String, String> labels = new HashMap<>();
      Matcher m = LABEL.matcher(text.substring(brace));
      while (m.find()) {
        labels.put(m.group(1), m.group(2));
      }
      return new Series(text.substring(0, brace), labels);
    }
  }

  /** The difference of a cumulative histogram between two scrapes. */
  record Histogram(double[] bounds, double[] cumulative) {
    static Histogram delta(String name, String label, String value, Map<String, Double> before,
        Map<String, Double> after) {
      TreeMap<Double, Double> buckets = new TreeMap<>();
      for (Map.Entry<String, Double> e : after.entrySet()) {
        Series s = Series.parse(e.getKey());
        if (s.name.equals(name + "_bucket") && value.equals(s.labels.get(label))) {
          String le = s.labels.get("le");
          double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
          buckets.merge(bound, e.getValue() - before.getOrDefault(e.getKey(), 0.0), Double::sum);
        }
      }
      double[] bounds = buckets.keySet().stream().mapToDouble(Double::doubleValue).toArray();
      double[] cumulative = buckets.values().stream().mapToDouble(Double::doubleValue).toArray();
      return new Histogram(bounds, cumulative);
    }

    long count() {
      return cumulative.length == 0 ? 0 : Math.round(cumulative[cumulative.length - 1]);
    }

    /** The quantile, linearly interpolated inside its bucket. */
    double quantile(double q) {
      double rank = q * cumulative[cumulative.length - 1];
      double lowerBound = 0;
      double lowerCount = 0;
      for (int i = 0; i < bounds.length; i++) {
        if (cumulative[i] >= rank) {
          if (Double.isInfinite(bounds[i])) {
            return lowerBound;
          }
          double inBucket = cumulative[i] - lowerCount;
          return inBucket <= 0 ? bounds[i] : lowerBound + (bounds[i] - lowerBound) * (rank - lowerCount) / inBucket;
        }
        lowerBound = bounds[i];
        lowerCount = cumulative[i];
      }
      return lowerBound;
    }
  }

  /** Latencies of one endpoint, in nanoseconds. */
  private static final class Recorder {
    private long[] values = new long[1024];
    private int size;

    synchronized void add(long nanos) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    }

    synchronized long count() {
      return size;
    }

    synchronized long[] sorted() {
      long[] copy = Arrays.copyOf(values, size);
      Arrays.sort(copy);
      return copy;
    }
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
  }

  private HttpResponse<String> send(String method, String path, String key, String body) throws IOException,
      InterruptedException {
    HttpRequest.Builder b = request(path, key);
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json");
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return b;
  }

  private static String ingestBody(String title, String text) {
    return "{\"title\": \"" + title + "\", \"text\": \"" + text + "\", \"tags\": [\"handbook\"]}";
  }

  private static void require(HttpResponse<String> r, int status, String what) {
    if (r.statusCode() != status) {
      throw new IllegalStateException("could not " + what + ": HTTP " + r.statusCode() + " " + r.body());
    }
  }

  /** A string field of a flat JSON answer, e.g. {@code "key"} of {@code POST /admin/keys}. */
  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no '" + name + "' in " + json);
    }
    return m.group(1);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      String name = args[i].substring(2);
      int eq = name.indexOf('=');
      if (eq >= 0) {
        out.put(name.substring(0, eq), name.substring(eq + 1));
      } else if (i + 1 < args.length) {
        out.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
    }
    return out;
  }

  private static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    if (t.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
    }
    if (t.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
    }
    return Duration.ofSeconds(Long.parseLong(t));
  }
}
