package dev.citadel.qdrant.local.support;

import dev.citadel.qdrant.local.QdrantLocalServer;

/** The project's Qdrant-compatible local server on a free port, in memory. */
public final class LocalServerTarget implements QdrantTarget {
  private final QdrantLocalServer server = QdrantLocalServer.start(0);

  @Override
  public String host() {
    return server.host();
  }

  @Override
  public int port() {
    return server.port();
  }

  @Override
  public String description() {
    return server.toString();
  }

  @Override
  public void close() {
    server.close();
  }
}
