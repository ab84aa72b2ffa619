package dev.citadel.qdrant.local;

import dev.citadel.qdrant.local.internal.ApiKeyInterceptor;
import dev.citadel.qdrant.local.internal.CollectionsService;
import dev.citadel.qdrant.local.internal.HealthServices;
import dev.citadel.qdrant.local.internal.LocalStore;
import dev.citadel.qdrant.local.internal.PointsService;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Qdrant-compatible server on a real gRPC port: the official Qdrant clients talk to it as to
 * Qdrant for the collection and point operations listed in QDRANT-COMPATIBILITY.md (collections
 * create, get, list, exists, delete; points upsert, get, delete, count, scroll, search, query by
 * vector; payload set, overwrite, delete, clear; field indexes; health). Search is exact
 * (brute force). Requests for anything else answer {@code UNIMPLEMENTED}, never a guess.
 *
 * <p>Data lives in memory, or, when started with a directory, also in an operation log there
 * that a later server on the same directory replays. {@link #stop()} stops serving and keeps
 * the data; {@link #restart()} serves it again on the same port (for outage tests);
 * {@link #close()} stops for good. Thread-safe.
 *
 * <pre>{@code
 * try (QdrantLocalServer qdrant = QdrantLocalServer.start(0)) {
 *   QdrantClient client = new QdrantClient(
 *       QdrantGrpcClient.newBuilder("127.0.0.1", qdrant.port(), false).build());
 * }
 * }</pre>
 */
public final class QdrantLocalServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QdrantLocalServer.class);
  /** Qdrant's gRPC port. */
  public static final int DEFAULT_PORT = 6334;
  /** Largest request accepted: Qdrant's default {@code max_request_size_mb} is 32. */
  private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final String host;
  private final Path dataDirectory;
  private final String apiKey;
  private final Path tlsCertChain;
  private final Path tlsPrivateKey;
  private final LocalStore store;
  private int port;
  private Server server;
  private ExecutorService executor;
  private boolean closed;

  private QdrantLocalServer(Builder b) {
    this.host = b.host;
    this.dataDirectory = b.dataDirectory;
    this.apiKey = b.apiKey;
    this.tlsCertChain = b.tlsCertChain;
    this.tlsPrivateKey = b.tlsPrivateKey;
    this.port = b.port;
    this.store = dataDirectory == null ? LocalStore.inMemory() : LocalStore.open(dataDirectory);
  }

  /**
   * Starts an in-memory server on {@code 127.0.0.1:port}.
   *
   * @param port the port, or 0 for any free one (see {@link #port()})
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static QdrantLocalServer start(int port) {
    return builder().port(port).start();
  }

  /**
   * Starts a server on {@code 127.0.0.1:port} persisting to {@code dataDirectory}, replaying
   * what an earlier server left there.
   *
   * @throws UncheckedIOException when the port cannot be bound or the directory not used
   */
  public static QdrantLocalServer start(Path dataDirectory, int port) {
    return builder().dataDirectory(dataDirectory).port(port).start();
  }

  /** A builder: 127.0.0.1, any free port, in memory, no API key, no TLS. */
  public static Builder builder() {
    return new Builder();
  }

  /** The port the server is bound to. */
  public synchronized int port() {
    return port;
  }

  /** The address the server listens on. */
  public String host() {
    return host;
  }

  /**
   * The API key every call but the health checks must carry, for a test or tool that points a
   * client at this server; never logged or shown by {@link #toString()}.
   *
   * @return the key, or {@code null} when the server requires none
   */
  public String apiKey() {
    return apiKey;
  }

  /**
   * The PEM certificate chain this server presents over TLS; a client that trusts it (as its CA
   * file, for a self-signed certificate) can verify the server.
   *
   * @return the chain file, or {@code null} when the server speaks plain text
   */
  public Path tlsCertificateChain() {
    return tlsCertChain;
  }

  /** Whether it currently accepts calls. */
  public synchronized boolean isRunning() {
    return server != null && !server.isShutdown();
  }

  private synchronized void serve() {
    if (closed) {
      throw new IllegalStateException("the local Qdrant server is closed");
    }
    if (isRunning()) {
      return;
    }
    ServerCredentials credentials;
    try {
      credentials = tlsCertChain == null ? InsecureServerCredentials.create()
          : TlsServerCredentials.create(tlsCertChain.toFile(), tlsPrivateKey.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the TLS certificate or key", e);
    }
    executor = Executors.newFixedThreadPool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), r -> {
      Thread t = new Thread(r, "qdrant-local-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port), credentials)
        .executor(executor)
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .addService(new CollectionsService(store))
        .addService(new PointsService(store))
        .addService(HealthServices.qdrant())
        .addService(HealthServices.grpcHealth());
    if (apiKey != null) {
      builder.intercept(new ApiKeyInterceptor(apiKey));
    }
    try {
      server = builder.build().start();
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot start the local Qdrant server on " + host + ":" + port, e);
    }
    port = server.getPort();
    LOG.info("local Qdrant server listening on {}:{} ({}{}{})", host, port,
        dataDirectory == null ? "in memory" : "data in " + dataDirectory,
        apiKey == null ? "" : ", API key required", tlsCertChain == null ? "" : ", TLS");
  }

  /**
   * Stops serving: open calls are cancelled after a short grace period, new ones are refused.
   * The data is kept; {@link #restart()} serves it again. Does nothing when already stopped.
   */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    server.shutdown();
    try {
      if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      executor.shutdownNow();
      server = null;
      LOG.info("local Qdrant server on {}:{} stopped", host, port);
    }
  }

  /**
   * Serves again on the same port with the same data (after {@link #stop()}).
   *
   * @throws UncheckedIOException when the port was taken meanwhile
   * @throws IllegalStateException after {@link #close()}
   */
  public synchronized void restart() {
    serve();
  }

  /** Stops for good and, when persistent, compacts the operation log. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    try {
      stop();
    } finally {
      closed = true;
      store.close();
    }
  }

  @Override
  public String toString() {
    return "QdrantLocalServer[" + host + ":" + port() + (dataDirectory == null ? ", in memory" : ", " + dataDirectory)
        + (apiKey == null ? "" : ", api key ******") + "]";
  }

  /**
   * Runs a server until the process ends: {@code --port N} (default 6334), {@code --host H}
   * (default 127.0.0.1), {@code --data-dir DIR} (default: in memory), {@code --api-key KEY} (or
   * the variable {@code QDRANT__SERVICE__API_KEY}, as Qdrant reads it), {@code --tls-cert PEM}
   * and {@code --tls-key PEM}.
   */
  public static void main(String[] args) throws InterruptedException {
    Builder b = builder().port(DEFAULT_PORT);
    String envKey = System.getenv("QDRANT__SERVICE__API_KEY");
    if (envKey != null && !envKey.isEmpty()) {
      b.apiKey(envKey);
    }
    Path cert = null;
    Path key = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        System.out.println("usage: java -jar citadel-qdrant-local-<version>-standalone.jar [--port 6334]"
            + " [--host 127.0.0.1] [--data-dir DIR] [--api-key KEY] [--tls-cert cert.pem --tls-key key.pem]");
        return;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(arg + " needs a value");
      }
      String value = args[++i];
      switch (arg) {
        case "--port" -> b.port(Integer.parseInt(value));
        case "--host" -> b.host(value);
        case "--data-dir" -> b.dataDirectory(Path.of(value));
        case "--api-key" -> b.apiKey(value);
        case "--tls-cert" -> cert = Path.of(value);
        case "--tls-key" -> key = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + arg + " (try --help)");
      }
    }
    if (cert != null || key != null) {
      b.tls(Objects.requireNonNull(cert, "--tls-cert"), Objects.requireNonNull(key, "--tls-key"));
    }
    QdrantLocalServer server = b.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "qdrant-local-shutdown"));
    System.out.println(HealthServices.TITLE + " (Qdrant gRPC " + HealthServices.PROTOCOL_VERSION + ") listening on "
        + server.host() + ":" + server.port());
    Server running;
    synchronized (server) {
      running = server.server;
    }
    running.awaitTermination();
  }

  /** Mutable builder; not thread-safe. Opens nothing until {@link #start()}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private Path dataDirectory;
    private String apiKey;
    private Path tlsCertChain;
    private Path tlsPrivateKey;

    private Builder() {}

    /** Address to bind; default 127.0.0.1 (loopback only). */
    public Builder host(String value) {
      this.host = Objects.requireNonNull(value, "host");
      return this;
    }

    /** Port; 0 (the default) picks a free one. */
    public Builder port(int value) {
      if (value < 0 || value > 65_535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, was " + value);
      }
      this.port = value;
      return this;
    }

    /** Persist to this directory (created when missing); null keeps data in memory only. */
    public Builder dataDirectory(Path value) {
      this.dataDirectory = value;
      return this;
    }

    /** Require this API key on every call but the health checks; null for none. */
    public Builder apiKey(String value) {
      this.apiKey = value == null || value.isEmpty() ? null : value;
      return this;
    }

    /** Serve TLS with a PEM certificate chain and its PEM (PKCS#8) private key. */
    public Builder tls(Path certChain, Path privateKey) {
      this.tlsCertChain = Objects.requireNonNull(certChain, "certChain");
      this.tlsPrivateKey = Objects.requireNonNull(privateKey, "privateKey");
      return this;
    }

    /**
     * Starts the server.
     *
     * @throws UncheckedIOException when the port cannot be bound or the directory not used
     */
    public QdrantLocalServer start() {
      QdrantLocalServer server = new QdrantLocalServer(this);
      try {
        server.serve();
      } catch (RuntimeException e) {
        server.store.close();
        throw e;
      }
      return server;
    }
  }
}
