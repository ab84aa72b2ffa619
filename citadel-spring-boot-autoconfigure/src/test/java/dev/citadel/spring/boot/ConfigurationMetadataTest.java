package dev.citadel.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.citadel.client.config.spi.ConfigKey;
import dev.citadel.client.config.spi.ConfigKeyTable;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The generated {@code META-INF/spring-configuration-metadata.json} (as the starter's jar ships
 * it) against the key table and the README's configuration reference: one property per key, in
 * kebab-case, with the README's meaning as description and its literal default.
 */
class ConfigurationMetadataTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9_.]+)` \\| (.*?) \\| .*? \\| (.*) \\|$");

  private static Map<String, JsonNode> metadata() throws Exception {
    try (InputStream in = CitadelAutoConfiguration.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("metadata on the class path").isNotNull();
      Map<String, JsonNode> byName = new LinkedHashMap<>();
      new ObjectMapper().readTree(in).path("properties").forEach(p -> byName.put(p.path("name").asText(), p));
      return byName;
    }
  }

  private static Path readme() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("README.md")) && Files.exists(dir.resolve("citadel-client-core"))) {
        return dir.resolve("README.md");
      }
    }
    throw new IllegalStateException("the project's README.md not found above " + Path.of("").toAbsolutePath());
  }

  @Test
  void everyKeyOfTheKeyTableIsAPropertyWithItsType() throws Exception {
    Map<String, JsonNode> metadata = metadata();
    for (ConfigKey<?> key : ConfigKeyTable.keys()) {
      String name = "citadel." + key.path().replace('_', '-');
      assertThat(metadata).as(name).containsKey(name);
      String type = metadata.get(name).path("type").asText();
      switch (key.kind()) {
        case INT -> assertThat(type).as(name).isEqualTo("java.lang.Integer");
        case BOOL -> assertThat(type).as(name).isEqualTo("java.lang.Boolean");
        case DURATION -> assertThat(type).as(name).isEqualTo("java.time.Duration");
        case LIST -> assertThat(type).as(name).startsWith("java.util.List");
        default -> assertThat(type).as(name).isNotBlank();
      }
    }
    assertThat(metadata.keySet()).contains("citadel.config-file", "citadel.enabled",
        "citadel.database.expose-data-source");
    assertThat(metadata).hasSize(ConfigKeyTable.keys().size() + 3);
  }

  @Test
  void descriptionsAndDefaultsAreTheReadmesReference() throws Exception {
    Map<String, JsonNode> metadata = metadata();
    int rows = 0;
    for (String line : Files.readAllLines(readme(), StandardCharsets.UTF_8)) {
      Matcher m = ROW.matcher(line.trim());
      if (!m.matches()) {
        continue;
      }
      rows++;
      JsonNode property = metadata.get("citadel." + m.group(1).replace('_', '-'));
      assertThat(property).as("README key " + m.group(1) + " has a property").isNotNull();
      String meaning = m.group(3).replace("`", "");
      assertThat(property.path("description").asText().toLowerCase())
          .as(m.group(1)).startsWith(meaning.substring(0, Math.min(20, meaning.length())).toLowerCase());
    }
    assertThat(rows).as("README rows").isEqualTo(ConfigKeyTable.keys().size());
    assertThat(metadata.get("citadel.database.pool.max-connections").path("defaultValue").asInt()).isEqualTo(20);
    assertThat(metadata.get("citadel.database.statement-timeout").path("defaultValue").asText()).isEqualTo("30s");
    assertThat(metadata.get("citadel.database.password").has("defaultValue")).isFalse();
    assertThat(metadata.get("citadel.database.direct-host").has("defaultValue"))
        .as("a default that names another key is described, not given as a value").isFalse();
  }

  @Test
  void theMetadataListsEveryPropertyOnce() throws Exception {
    try (InputStream in = CitadelAutoConfiguration.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      List<String> names = new ObjectMapper().readTree(in).path("properties").findValuesAsText("name");
      assertThat(names).doesNotHaveDuplicates();
    }
  }
}
