package dev.citadel.client.migration.internal;

import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** V1: one schema per configured model (seed 000's V1__init_model_schemas). */
final class V1__Init_model_schemas extends BaseJavaMigration {
  private final List<String> schemas;

  V1__Init_model_schemas(List<String> schemas) {
    this.schemas = schemas;
  }

  @Override
  public void migrate(Context context) throws Exception {
    ModelSchemas.createSchemas(context.getConnection(), schemas);
  }
}
