package dev.citadel.client.migration.internal;

import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** V2: the LLM tables in every model schema (seed 000's V2__bootstrap_llm_tables). */
final class V2__Bootstrap_llm_tables extends BaseJavaMigration {
  private final List<String> schemas;

  V2__Bootstrap_llm_tables(List<String> schemas) {
    this.schemas = schemas;
  }

  @Override
  public void migrate(Context context) throws Exception {
    ModelSchemas.createTables(context.getConnection(), schemas);
  }
}
