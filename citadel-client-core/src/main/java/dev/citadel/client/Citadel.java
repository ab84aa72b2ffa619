package dev.citadel.client;

import dev.citadel.client.audit.AuditAnchorStore;
import dev.citadel.client.audit.AuditLog;
import dev.citadel.client.auth.ApiKeyCache;
import dev.citadel.client.auth.ApiKeys;
import dev.citadel.client.config.CitadelConfig;
import dev.citadel.client.conversation.Conversations;
import dev.citadel.client.db.Database;
import dev.citadel.client.health.HealthReport;
import dev.citadel.client.metadata.Metadata;
import dev.citadel.client.metrics.CitadelMetrics;
import dev.citadel.client.spi.CitadelExtension;
import dev.citadel.client.spi.CitadelExtensionProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The one object a host application gets from one config: the Java counterpart of the Citadel
 * {@code DatabaseManager}. It reaches the database (pooled and direct, routed per model), the
 * metadata repositories, API keys, and every module on the class path whose section the config
 * has (the cache and vector modules, each for its own section), and reports
 * health over all of them. {@link #close()} closes everything it created, in reverse order.
 * Thread-safe; create one per application.
 *
 * <pre>{@code
 * try (Citadel citadel = Citadel.create(CitadelConfig.load(Path.of("database.yaml")))) {
 *   citadel.database().migrate();
 *   System.out.println(citadel.health());
 * }
 * }</pre>
 */
public final class Citadel implements AutoCloseable {
  private final CitadelConfig config;
  private final Database database;
  private final Metadata metadata;
  private final Conversations conversations;
  private final Map<Class<? extends CitadelExtension>, CitadelExtension> extensions;
  private AuditLog audit;
  private ApiKeys apiKeys;
  private boolean closed;

  private Citadel(CitadelConfig config, Database database,
      Map<Class<? extends CitadelExtension>, CitadelExtension> extensions) {
    this.config = config;
    this.database = database;
    this.metadata = Metadata.create(database);
    this.conversations = Conversations.create(database);
    this.extensions = extensions;
  }

  /** Creates the client without metrics. Opens no connection unless migrations run on start. */
  public static Citadel create(CitadelConfig config) {
    return create(config, CitadelMetrics.NOOP);
  }

  /**
   * Creates the client, reporting to {@code metrics} (which stays the caller's to close), and
   * every extension on the class path that {@code config} configures.
   *
   * @throws ConfigException when the config has no database section
   */
  public static Citadel create(CitadelConfig config, CitadelMetrics metrics) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(metrics, "metrics");
    Database database = Database.create(config, metrics);
    Map<Class<? extends CitadelExtension>, CitadelExtension> extensions = new LinkedHashMap<>();
    try {
      for (CitadelExtensionProvider provider : ServiceLoader.load(CitadelExtensionProvider.class)) {
        provider.create(config, metrics).ifPresent(e -> extensions.put(provider.type(), e));
      }
    } catch (RuntimeException e) {
      closeAll(new ArrayList<>(extensions.values()), database, e);
      throw e;
    }
    return new Citadel(config, database, extensions);
  }

  /** The configuration this client was built from (secrets masked in its toString). */
  public CitadelConfig config() {
    return config;
  }

  /** The PostgreSQL client. */
  public Database database() {
    return database;
  }

  /** The metadata repositories (users, collections, vector metadata, embedding jobs). */
  public Metadata metadata() {
    return metadata;
  }

  /** The durable conversation store (chat history; tables from migration V8). */
  public Conversations conversations() {
    return conversations;
  }

  /**
   * API keys, created on first use; verified keys are cached in the first extension that offers
   * an {@link ApiKeyCache} (the cache module's shared store), otherwise checked in PostgreSQL.
   *
   * @throws ConfigException when {@code auth.key_pepper} is not set
   */
  public synchronized ApiKeys apiKeys() {
    if (apiKeys == null) {
      ApiKeyCache cache = extensions.values().stream()
          .map(CitadelExtension::sharedApiKeyCache)
          .flatMap(Optional::stream)
          .findFirst()
          .orElse(ApiKeyCache.NONE);
      apiKeys = ApiKeys.create(database, config.auth(), cache, audit());
    }
    return apiKeys;
  }

  /**
   * The audit log (created on first use; its tables come from {@code database().migrate()}):
   * {@code record(event)} returns at once, events are batched, spilled to disk during outages,
   * and hash-chained.
   */
  public synchronized AuditLog audit() {
    if (audit == null) {
      List<AuditAnchorStore> anchors = config.audit().chainKey().isEmpty() ? List.of()
          : extensions.values().stream().map(CitadelExtension::auditAnchorStore).flatMap(Optional::stream).toList();
      audit = AuditLog.create(database, config.audit(), anchors);
    }
    return audit;
  }

  /**
   * The extension of {@code type} (e.g. {@code CitadelCache.class}), when its module is on the
   * class path and its section configured.
   */
  public <T extends CitadelExtension> Optional<T> extension(Class<T> type) {
    return Optional.ofNullable(extensions.get(type)).map(type::cast);
  }

  /** One report over every backend this client uses. */
  public HealthReport health() {
    HealthReport report = database.health();
    for (CitadelExtension extension : extensions.values()) {
      report = report.merge(extension.health());
    }
    return report;
  }

  /** Closes everything this client created, last created first (idempotent). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<AutoCloseable> owned = new ArrayList<>(extensions.values());
    if (audit != null) {
      owned.add(audit); // closed after the API keys, which record into it
    }
    if (apiKeys != null) {
      owned.add(apiKeys);
    }
    closeAll(owned, database, null);
  }

  private static void closeAll(List<? extends AutoCloseable> owned, Database database, RuntimeException primary) {
    RuntimeException failure = primary;
    for (int i = owned.size() - 1; i >= 0; i--) {
      try {
        owned.get(i).close();
      } catch (Exception e) {
        failure = addFailure(failure, e);
      }
    }
    try {
      database.close();
    } catch (RuntimeException e) {
      failure = addFailure(failure, e);
    }
    if (failure != null && failure != primary) {
      throw failure;
    }
  }

  private static RuntimeException addFailure(RuntimeException failure, Exception e) {
    if (failure == null) {
      return e instanceof RuntimeException r ? r : new CitadelException("close failed: " + e.getMessage(), e);
    }
    failure.addSuppressed(e);
    return failure;
  }

  @Override
  public String toString() {
    return "Citadel[" + config.clientName() + ", " + database + ", extensions=" + extensions.keySet().stream()
        .map(Class::getSimpleName).toList() + "]";
  }
}
