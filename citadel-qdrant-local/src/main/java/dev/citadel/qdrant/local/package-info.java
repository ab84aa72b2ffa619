/**
 * A Qdrant-compatible server for tests, examples and local development: the Qdrant gRPC services
 * and RPCs the Java client needs for collection and point work, with Qdrant's semantics and
 * status codes, exact search, in memory or persisted to a directory. Start it with
 * {@link dev.citadel.qdrant.local.QdrantLocalServer#start(int)} or from the command line
 * ({@code java -jar citadel-qdrant-local-<version>-standalone.jar --port 6334}). What it implements
 * and what it answers UNIMPLEMENTED is listed in QDRANT-COMPATIBILITY.md of the citadel-qdrant-local module.
 */
package dev.citadel.qdrant.local;
