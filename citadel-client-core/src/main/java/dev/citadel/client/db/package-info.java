/**
 * PostgreSQL access: {@link dev.citadel.client.db.Database} (pooled and direct endpoints,
 * schema-per-model routing, migrations, health) and the small typed statement API
 * ({@link dev.citadel.client.db.SqlClient}, {@link dev.citadel.client.db.Transaction}).
 */
package dev.citadel.client.db;
