package dev.citadel.client.cache.internal;

import dev.citadel.client.CitadelException;
import dev.citadel.client.ConfigException;
import dev.citadel.client.UnavailableException;
import dev.citadel.client.cache.RedisCommandException;
import dev.citadel.client.spi.FailureClassifier;
import dev.citadel.client.spi.TlsFailures;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.PartitionSelectorException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.regex.Pattern;

/**
 * The one place where Lettuce failures become citadel-client exceptions. Transient: no
 * connection, a connection lost (a command rejected while disconnected, in flight when the socket
 * dropped, or cancelled by Lettuce's reset of the connection), a command timeout, a cluster slot
 * that no known node serves, and the server errors that mean "not now"
 * ({@code LOADING}, {@code BUSY}, {@code TRYAGAIN}, {@code CLUSTERDOWN}, {@code MASTERDOWN},
 * {@code READONLY} after a failover). Everything else Redis answers ({@code WRONGTYPE},
 * {@code NOSCRIPT}, script errors, {@code NOPERM}, {@code OOM}) is about the request: not retried,
 * not counted by the breaker.
 */
public final class RedisFailures implements FailureClassifier {
  public static final RedisFailures INSTANCE = new RedisFailures();

  private static final Set<String> TRANSIENT_CODES =
      Set.of("LOADING", "BUSY", "TRYAGAIN", "CLUSTERDOWN", "MASTERDOWN", "READONLY");
  private static final Set<String> AUTH_CODES = Set.of("WRONGPASS", "NOAUTH", "AUTH");
  /** Lettuce's message for a command refused while disconnected (REJECT_COMMANDS). */
  private static final String NOT_CONNECTED = "Currently not connected";
  /**
   * How Lettuce words the other ways a connection goes away under a command: "Connection
   * disconnected" for commands in flight when the socket dropped (DefaultEndpoint), "Connection
   * closed" when the endpoint closed, "Connection reset" from the channel.
   */
  private static final List<String> CONNECTION_LOST =
      List.of(NOT_CONNECTED, "Connection disconnected", "Connection closed", "Connection reset");

  /** {@code host/<unresolved>:port} or {@code host/address:port}, the address IPv4 or IPv6. */
  private static final Pattern SOCKET_ADDRESS =
      Pattern.compile("([A-Za-z0-9._-]+)/(?:<unresolved>|[0-9A-Fa-f.:%]*):(\\d{1,5})(?![0-9A-Fa-f:])");

  private RedisFailures() {}

  @Override
  public boolean isTransient(Throwable failure) {
    if (failure instanceof UnavailableException u) {
      return !u.breakerOpen();
    }
    if (failure instanceof CitadelException || failure instanceof RedisCommandInterruptedException) {
      return false;
    }
    if (TlsFailures.reasonOf(failure).isPresent()) {
      return false; // a certificate or protocol problem: retrying cannot fix it
    }
    RedisCommandExecutionException server = serverError(failure);
    if (server != null) {
      return TRANSIENT_CODES.contains(code(server));
    }
    if (failure instanceof RedisConnectionException
        || failure instanceof RedisCommandTimeoutException
        // A cluster whose topology shows no node serving the key's slot (a master gone).
        || failure instanceof PartitionSelectorException
        // Lettuce cancels the commands it still holds when it resets or closes a connection.
        || failure instanceof CancellationException) {
      return true;
    }
    if (failure instanceof RedisException e) {
      String message = String.valueOf(e.getMessage());
      return CONNECTION_LOST.stream().anyMatch(message::startsWith) || hasCause(e, IOException.class);
    }
    return hasCause(failure, IOException.class);
  }

  @Override
  public boolean isNotSent(Throwable failure) {
    if (failure instanceof RedisConnectionException && serverError(failure) == null
        || failure instanceof PartitionSelectorException) {
      return true;
    }
    return failure instanceof RedisException e && !(e instanceof RedisCommandExecutionException)
        && String.valueOf(e.getMessage()).startsWith(NOT_CONNECTED);
  }

  @Override
  public RuntimeException translate(String backend, Throwable failure, int attempts) {
    if (failure instanceof CitadelException c) {
      return c;
    }
    if (failure instanceof RedisCommandInterruptedException) {
      Thread.currentThread().interrupt();
      return new CitadelException(backend + ": interrupted while waiting for Redis", failure);
    }
    java.util.Optional<dev.citadel.client.TlsException.Reason> tls = TlsFailures.reasonOf(failure);
    if (tls.isPresent()) {
      return TlsFailures.translate(backend, "redis", tls.get(), failure);
    }
    RedisCommandExecutionException server = serverError(failure);
    if (server != null && AUTH_CODES.contains(code(server))) {
      return new ConfigException("redis.password",
          "Redis refused the credentials (" + server.getMessage() + "); check redis.user and"
              + " redis.password");
    }
    if (isTransient(failure)) {
      String tries = attempts > 1 ? " after " + attempts + " attempts" : "";
      return new UnavailableException(backend, false,
          backend + " is unavailable" + tries + ": " + describe(failure), failure);
    }
    if (server != null) {
      return new RedisCommandException(code(server), backend + ": " + server.getMessage(), failure);
    }
    if (failure instanceof RuntimeException r && !(failure instanceof RedisException)) {
      return r;
    }
    return new CitadelException(backend + ": " + describe(failure), failure);
  }

  /** The failure's text and its cause's, addresses as {@code host:port}; for messages and health lines. */
  static String describe(Throwable failure) {
    String message = failure.getMessage();
    Throwable cause = failure.getCause();
    if (cause != null && cause.getMessage() != null && !cause.getMessage().equals(message)) {
      message = message + " (" + cause.getMessage() + ")";
    }
    return message == null ? failure.getClass().getSimpleName() : hostAndPort(message);
  }

  /**
   * Renders the socket addresses in Lettuce's and Netty's texts as {@code host:port}: they print
   * {@code InetSocketAddress.toString()}, {@code 127.0.0.1/<unresolved>:6379} or
   * {@code localhost/127.0.0.1:6379}, which reads like a broken address to a user.
   */
  static String hostAndPort(String message) {
    return SOCKET_ADDRESS.matcher(message).replaceAll("$1:$2");
  }

  private static RedisCommandExecutionException serverError(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RedisCommandExecutionException e) {
        return e;
      }
    }
    return null;
  }

  /** The error's first word, e.g. {@code WRONGTYPE}. */
  static String code(RedisCommandExecutionException e) {
    String message = String.valueOf(e.getMessage()).trim();
    int space = message.indexOf(' ');
    return (space < 0 ? message : message.substring(0, space)).toUpperCase(Locale.ROOT);
  }

  private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
