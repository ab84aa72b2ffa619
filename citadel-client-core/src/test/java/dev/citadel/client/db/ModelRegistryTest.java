package dev.citadel.client.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.ConfigException;
import dev.citadel.client.UnknownModelException;
import dev.citadel.client.config.DatabaseConfig;
import org.junit.jupiter.api.Test;

class ModelRegistryTest {

  @Test
  void defaultsAreTheNineCitadelModelsInSchemasOfTheirOwnName() {
    ModelRegistry registry = ModelRegistry.of(DatabaseConfig.builder().database("d").user("u").build());
    assertThat(registry.models()).containsExactly(
        "deepcoder", "deepseek", "hermes", "imp", "mimo", "mixtral", "openchat", "phi3", "yi34");
    assertThat(registry.schemaFor("phi3")).isEqualTo("phi3");
  }

  @Test
  void configuredModelsAreAddedAndMayMapToAnotherSchema() {
    ModelRegistry registry = ModelRegistry.of(DatabaseConfig.builder().database("d").user("u")
        .addModel("DeepSeek-R1", "deepseek").addModel("general").build());
    assertThat(registry.schemaFor("DeepSeek-R1")).isEqualTo("deepseek");
    assertThat(registry.schemaFor("general")).isEqualTo("general");
    assertThat(registry.models()).hasSize(11);
    assertThat(registry.schemas()).hasSize(10);
  }

  @Test
  void unknownModelIsATypedErrorListingKnownOnes() {
    ModelRegistry registry = ModelRegistry.of(DatabaseConfig.builder().database("d").user("u").build());
    assertThatThrownBy(() -> registry.schemaFor("gpt-5"))
        .isInstanceOf(UnknownModelException.class)
        .hasMessageContaining("unknown model 'gpt-5'")
        .hasMessageContaining("mixtral")
        .extracting(e -> ((UnknownModelException) e).model()).isEqualTo("gpt-5");
  }

  @Test
  void aWrongCaseNameGetsADidYouMean() {
    ModelRegistry registry = ModelRegistry.of(DatabaseConfig.builder().database("d").user("u").build());
    assertThatThrownBy(() -> registry.schemaFor("Mixtral"))
        .isInstanceOf(UnknownModelException.class)
        .hasMessageStartingWith("unknown model 'Mixtral' (did you mean 'mixtral'? model names are case-sensitive);"
            + " configured models: [deepcoder,");
    assertThatThrownBy(() -> registry.schemaFor("gpt-5")).hasMessageNotContaining("did you mean");
  }

  @Test
  void aSchemaNameWithCapitalsHintsToMapTheModelUnderModels() {
    assertThatThrownBy(() -> DatabaseConfig.builder().database("d").user("u").addModel("Llama3").build())
        .isInstanceOf(ConfigException.class)
        .hasMessage("database.models.Llama3: 'Llama3' is not a valid schema name: schema names are lower case."
            + " To keep the model name 'Llama3', map it to a schema under models: database.models: {Llama3: llama3}");
  }
}
