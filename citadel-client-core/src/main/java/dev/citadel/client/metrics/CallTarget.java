package dev.citadel.client.metrics;

import java.util.Objects;

/**
 * Where a backend call goes, as an observation names it: fixed per backend (and per route), so
 * every field is low-cardinality. Field names follow the OpenTelemetry database semantic
 * conventions. Immutable.
 *
 * @param client the client's {@code client.name}
 * @param backend the SDK's backend name, e.g. {@code postgres-pooled} (the {@code backend} tag of
 *     {@code citadel.calls})
 * @param system {@code db.system.name}, e.g. {@code postgresql}; each module passes its own
 * @param namespace {@code db.namespace}: the database, {@code database|schema} for a call routed
 *     to a model schema, or null where the backend has none
 * @param serverAddress {@code server.address}: the configured host (the entry point where the SDK
 *     finds the server through others), or null when unknown
 * @param serverPort {@code server.port}, or 0 when unknown
 */
public record CallTarget(
    String client, String backend, String system, String namespace, String serverAddress, int serverPort) {

  /** Checks that client, backend and system are given and the port is within 0..65535. */
  public CallTarget {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(system, "system");
    if (serverPort < 0 || serverPort > 65_535) {
      throw new IllegalArgumentException("serverPort must be within 0..65535, was " + serverPort);
    }
  }

  /** The same target in another {@code db.namespace} (null for none). */
  public CallTarget withNamespace(String namespace) {
    return new CallTarget(client, backend, system, namespace, serverAddress, serverPort);
  }
}
