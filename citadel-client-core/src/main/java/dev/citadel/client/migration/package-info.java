/**
 * Flyway migrations shipped in the core jar: V1 model schemas, V2 per-model LLM tables, V3
 * metadata tables. Run with {@link dev.citadel.client.db.Database#migrate()}.
 */
package dev.citadel.client.migration;
